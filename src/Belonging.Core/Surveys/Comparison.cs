using Belonging.Core.Statistics;

namespace Belonging.Core.Surveys;

/// <summary>A difference between two released estimates (a group vs the rest, vs the organisation, or vs itself in an earlier campaign).</summary>
/// <param name="Difference">First minus second, in the estimates' unit (index points or percentage points).</param>
/// <param name="Interval">95 % interval of the difference (Welch).</param>
/// <param name="P">Two-sided p-value of Welch's t-test (before any multiple-comparison adjustment).</param>
/// <param name="EffectSize">Cohen's d (difference over the pooled SD); NaN when both groups have no spread.</param>
/// <param name="HedgesG">Hedges' g (d with the small-sample correction); for a comparison with the whole, d over the whole's SD.</param>
public sealed record Comparison(double Difference, Interval Interval, double P, double EffectSize, double HedgesG)
{
    /// <summary>
    /// Compares two independent groups' estimates with Welch's t-test on their respondent-level samples. Answers are
    /// anonymous, so two campaigns cannot be paired person by person: a trend is compared as independent samples, which
    /// is conservative when many people answered both.
    /// </summary>
    /// <param name="first">The group of interest.</param>
    /// <param name="second">The group it is compared with.</param>
    /// <returns>The comparison, or null when either side has fewer than 2 respondents or no variance to test against.</returns>
    public static Comparison? Between(Estimate first, Estimate second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Between(first.Sample, second.Sample);
    }

    /// <summary>Compares two independent samples (see <see cref="Between(Estimate, Estimate)"/>).</summary>
    /// <param name="first">The group of interest.</param>
    /// <param name="second">The comparison group.</param>
    /// <returns>The comparison, or null when it cannot be tested.</returns>
    public static Comparison? Between(SampleSummary first, SampleSummary second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.N < 2 || second.N < 2 || !(first.Variance + second.Variance > 0))
        {
            return null;
        }

        var gap = Gaps.Welch(first, second);
        return new Comparison(gap.Difference, gap.Interval, gap.P, gap.CohensD, gap.HedgesG);
    }

    /// <summary>
    /// Compares a group with the organisation that contains it. Because group − organisation = (1 − n/N)·(group − rest),
    /// the test is the group-vs-rest Welch test, and the difference and interval are scaled by (1 − n/N).
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="whole">The organisation (or scope) containing the group.</param>
    /// <returns>The comparison, or null when the rest has fewer than 2 people or there is no variance.</returns>
    public static Comparison? WithWhole(SampleSummary group, SampleSummary whole)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(whole);
        var rest = Gaps.Remainder(whole, group);
        if (Between(group, rest) is not { } vsRest)
        {
            return null;
        }

        var f = 1 - ((double)group.N / whole.N);
        return new Comparison(
            group.Mean - whole.Mean,
            new Interval(group.Mean - whole.Mean, f * vsRest.Interval.Lower, f * vsRest.Interval.Upper, vsRest.Interval.Level, "welch-scaled"),
            vsRest.P,
            (group.Mean - whole.Mean) / whole.StandardDeviation,
            (group.Mean - whole.Mean) / whole.StandardDeviation);
    }
}
