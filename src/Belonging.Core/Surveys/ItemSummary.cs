namespace Belonging.Core.Surveys;

/// <summary>Distribution of one agreement item in one group (keyed answers; missing excluded).</summary>
/// <param name="Counts">Counts of keyed answers 1..5 at index 0..4.</param>
public sealed record AgreementDistribution(IReadOnlyList<int> Counts)
{
    /// <summary>Number of non-missing answers.</summary>
    public int N => Counts.Sum();

    /// <summary>% answering 4 or 5 (favourable), 0–100; NaN when N = 0.</summary>
    public double PercentFavourable => Percent(Counts[3] + Counts[4]);

    /// <summary>% answering 3 (neutral), 0–100; NaN when N = 0.</summary>
    public double PercentNeutral => Percent(Counts[2]);

    /// <summary>% answering 1 or 2 (unfavourable), 0–100; NaN when N = 0.</summary>
    public double PercentUnfavourable => Percent(Counts[0] + Counts[1]);

    /// <summary>Mean of keyed answers on the 1–5 scale; NaN when N = 0.</summary>
    public double Mean => N == 0 ? double.NaN : (double)Counts.Select((c, i) => c * (i + 1)).Sum() / N;

    /// <summary>Mean 0–100 item score (SD 0 … SA 100); NaN when N = 0.</summary>
    public double Score => N == 0 ? double.NaN : 25.0 * Counts.Select((c, i) => c * i).Sum() / N;

    /// <summary>95 % Wilson interval of <see cref="PercentFavourable"/>, on the 0–100 scale; requires N ≥ 1.</summary>
    /// <returns>The interval.</returns>
    public Statistics.Interval FavourableInterval()
    {
        var w = Statistics.Intervals.Wilson(Counts[3] + Counts[4], N);
        return new Statistics.Interval(100 * w.Estimate, 100 * w.Lower, 100 * w.Upper, w.Level, w.Method);
    }

    private double Percent(int count) => N == 0 ? double.NaN : 100.0 * count / N;
}
