namespace Belonging.Core.Surveys;

/// <summary>Distribution of one agreement item in one group (keyed answers; missing excluded).</summary>
/// <param name="Counts">Counts of keyed answers 1..5 at index 0..4.</param>
/// <param name="PublishedScore">
/// The item's 0–100 score as published (rounded to the cell's precision), or null for the exact score of
/// <paramref name="Counts"/>. A release publishes it rounded and the counts only as unfavourable / neutral / favourable
/// (<see cref="Published"/>): the exact counts of all five answers give the exact item sums, hence the exact index,
/// which would undo the rounding that protects a joiner in the next survey (docs/methods/cross-release.md).
/// </param>
public sealed record AgreementDistribution(IReadOnlyList<int> Counts, double? PublishedScore = null)
{
    /// <summary>
    /// As a release publishes it: the score rounded to <paramref name="precision"/> points, and the counts folded into
    /// the three groups pages show (strongly disagree + disagree at index 0, neutral at 2, agree + strongly agree at 3),
    /// so that no finer sum can be read back from them.
    /// </summary>
    /// <param name="precision">The cell's precision.</param>
    /// <returns>The published distribution (an already published one is returned unchanged).</returns>
    public AgreementDistribution Published(double precision) =>
        PublishedScore is not null ? this : new(Folded(Counts), Privacy.ValueWindow.Round(Score, precision));

    /// <summary>Counts folded into unfavourable (index 0), neutral (2) and favourable (3).</summary>
    /// <param name="counts">Counts of answers 1..5.</param>
    /// <returns>Five counts, with 1 and 4 empty.</returns>
    public static int[] Folded(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return [counts[0] + counts[1], 0, counts[2], counts[3] + counts[4], 0];
    }

    /// <summary>Number of non-missing answers.</summary>
    public int N => Counts.Sum();

    /// <summary>% answering 4 or 5 (favourable), 0–100; NaN when N = 0.</summary>
    public double PercentFavourable => Percent(Counts[3] + Counts[4]);

    /// <summary>% answering 3 (neutral), 0–100; NaN when N = 0.</summary>
    public double PercentNeutral => Percent(Counts[2]);

    /// <summary>% answering 1 or 2 (unfavourable), 0–100; NaN when N = 0.</summary>
    public double PercentUnfavourable => Percent(Counts[0] + Counts[1]);

    /// <summary>Mean of keyed answers on the 1–5 scale; NaN when N = 0.</summary>
    public double Mean => N == 0 ? double.NaN : PublishedScore is { } s ? 1 + (s / 25) : (double)Counts.Select((c, i) => c * (i + 1)).Sum() / N;

    /// <summary>Mean 0–100 item score (SD 0 … SA 100); NaN when N = 0.</summary>
    public double Score => N == 0 ? double.NaN : PublishedScore ?? 25.0 * Counts.Select((c, i) => c * i).Sum() / N;

    /// <summary>95 % Wilson interval of <see cref="PercentFavourable"/>, on the 0–100 scale; requires N ≥ 1.</summary>
    /// <returns>The interval.</returns>
    public Statistics.Interval FavourableInterval()
    {
        var w = Statistics.Intervals.Wilson(Counts[3] + Counts[4], N);
        return new Statistics.Interval(100 * w.Estimate, 100 * w.Lower, 100 * w.Upper, w.Level, w.Method);
    }

    private double Percent(int count) => N == 0 ? double.NaN : 100.0 * count / N;
}
