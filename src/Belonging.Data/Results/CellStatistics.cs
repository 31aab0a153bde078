using Belonging.Core.Statistics;
using Belonging.Core.Surveys;

namespace Belonging.Data.Results;

/// <summary>
/// What the reports read about one reported cell once the answer sets are deleted (ADR 9): the group's
/// <see cref="GroupStatistics"/> reduced to the figures the release publishes there, and for a unit total the
/// statistics of the driver analysis and of each component's reliability, exactly as the drivers page computes them.
/// </summary>
/// <param name="Scores">The group's statistics (published figures only).</param>
/// <param name="Drivers">Driver analysis (components on belonging, listwise): complete rows and their covariance; null for a breakdown cell or fewer than <see cref="Belonging.Core.Statistics.Drivers.MinimumN"/> complete rows.</param>
/// <param name="Reliability">Per component, in component order (<see cref="ComponentReliability.Summarise"/>); null for a breakdown cell.</param>
public sealed record CellStatistics(GroupStatistics Scores, StoredDriverStatistics? Drivers, IReadOnlyList<StoredReliabilityStatistics?>? Reliability);

/// <summary><see cref="DriverStatistics"/> in a JSON-friendly form.</summary>
/// <param name="N">Complete rows.</param>
/// <param name="Covariance">Their covariance, row by row.</param>
public sealed record StoredDriverStatistics(int N, double[][] Covariance)
{
    /// <summary>From the Core form (its covariance must be present: stored only with at least 30 complete rows).</summary>
    public static StoredDriverStatistics From(DriverStatistics s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.N, Jagged(s.Covariance!));
    }

    /// <summary>Back to the Core form.</summary>
    public DriverStatistics ToCore() => new(N, Square(Covariance));

    internal static double[][] Jagged(double[,] m) =>
        [.. Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray())];

    internal static double[,] Square(double[][] rows)
    {
        var m = new double[rows.Length, rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < rows.Length; j++)
            {
                m[i, j] = rows[i][j];
            }
        }

        return m;
    }
}

/// <summary><see cref="ReliabilityStatistics"/> in a JSON-friendly form (same members; the covariance row by row).</summary>
public sealed record StoredReliabilityStatistics(MissingDataRule Rule, int Respondents, double[][] Covariance, double ScaleMean, double ScaleStandardDeviation, IReadOnlyList<SampleSummary> Items)
{
    /// <summary>
    /// From the Core form, with the scale's and each item's mean rounded to the cell's published precision (on the 1–5
    /// answer scale, the step is precision / 25): alpha and omega need only the covariances, and exact means would give
    /// someone holding the database exact component sums, finer than any page (docs/methods/cross-release.md).
    /// </summary>
    /// <param name="s">The exact statistics.</param>
    /// <param name="precision">The cell's precision in points of the 0–100 scale.</param>
    /// <returns>The stored form.</returns>
    public static StoredReliabilityStatistics From(ReliabilityStatistics s, double precision)
    {
        ArgumentNullException.ThrowIfNull(s);
        double Round(double mean) => 1 + (Belonging.Core.Privacy.ValueWindow.Round((mean - 1) * 25, precision) / 25);
        return new(s.Rule, s.Respondents, StoredDriverStatistics.Jagged(s.Covariance), Round(s.ScaleMean), s.ScaleStandardDeviation, [.. s.Items.Select(i => i with { Mean = Round(i.Mean) })]);
    }

    /// <summary>Back to the Core form.</summary>
    public ReliabilityStatistics ToCore() => new(Rule, Respondents, StoredDriverStatistics.Square(Covariance), ScaleMean, ScaleStandardDeviation, Items);
}
