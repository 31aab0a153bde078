namespace Belonging.Core.Statistics;

/// <summary>Difference of two means with its test and effect sizes.</summary>
/// <param name="Difference">Mean of the first sample minus mean of the second.</param>
/// <param name="Interval">Welch confidence interval of the difference.</param>
/// <param name="T">Welch t statistic.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom.</param>
/// <param name="P">Two-sided p-value of the Welch test.</param>
/// <param name="CohensD">Cohen's d: difference over the pooled SD (n − 1 weighting).</param>
/// <param name="HedgesG">Hedges' g: d times the exact small-sample correction J(df) = Γ(df/2) / (√(df/2)·Γ((df − 1)/2)), df = n₁ + n₂ − 2.</param>
public sealed record MeanGap(double Difference, Interval Interval, double T, double DegreesOfFreedom, double P, double CohensD, double HedgesG);

/// <summary>Difference of two proportions with its test.</summary>
/// <param name="Difference">p₁ − p₂ (0–1 scale; multiply by 100 for percentage points).</param>
/// <param name="Interval">Newcombe's hybrid score interval (method 10, from two Wilson intervals).</param>
/// <param name="Z">Pooled two-proportion z statistic (equals √ of R's <c>prop.test(correct = FALSE)</c> chi-square).</param>
/// <param name="P">Two-sided p-value.</param>
public sealed record ProportionGap(double Difference, Interval Interval, double Z, double P);

/// <summary>Tests and effect sizes for comparing groups.</summary>
public static class Gaps
{
    /// <summary>Welch's unequal-variance t-test of a − b (R <c>t.test(a, b)</c>, its default) with Cohen's d and Hedges' g.</summary>
    /// <param name="a">First sample (N ≥ 2).</param>
    /// <param name="b">Second sample (N ≥ 2).</param>
    /// <param name="level">Confidence level of the interval.</param>
    /// <returns>The gap; when both variances are 0 the statistic is NaN and p is 1.</returns>
    public static MeanGap Welch(SampleSummary a, SampleSummary b, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.N < 2 || b.N < 2)
        {
            throw new ArgumentException("Each sample needs at least two values.");
        }

        var va = a.Variance / a.N;
        var vb = b.Variance / b.N;
        var se = Math.Sqrt(va + vb);
        var diff = a.Mean - b.Mean;
        var df = (va + vb) * (va + vb) / ((va * va / (a.N - 1)) + (vb * vb / (b.N - 1)));
        var pooledDf = a.N + b.N - 2;
        var pooledSd = Math.Sqrt((((a.N - 1) * a.Variance) + ((b.N - 1) * b.Variance)) / pooledDf);
        var d = diff / pooledSd;
        var j = Math.Exp(Distributions.LogGamma(pooledDf / 2.0) - Distributions.LogGamma((pooledDf - 1) / 2.0)) / Math.Sqrt(pooledDf / 2.0);
        if (se == 0)
        {
            return new MeanGap(diff, new Interval(diff, diff, diff, level, "welch"), double.NaN, double.NaN, 1, double.NaN, double.NaN);
        }

        var t = diff / se;
        var q = Distributions.StudentTQuantile(1 - ((1 - level) / 2), df);
        return new MeanGap(diff, new Interval(diff, diff - (q * se), diff + (q * se), level, "welch"), t, df, Distributions.StudentTTwoSidedP(t, df), d, d * j);
    }

    /// <summary>Two-proportion comparison p₁ − p₂ with a pooled z-test and Newcombe's hybrid score interval.</summary>
    /// <param name="successes1">Successes in the first group.</param>
    /// <param name="n1">Size of the first group (&gt; 0).</param>
    /// <param name="successes2">Successes in the second group.</param>
    /// <param name="n2">Size of the second group (&gt; 0).</param>
    /// <param name="level">Confidence level.</param>
    /// <returns>The gap; p is 1 when both groups are all-successes or all-failures.</returns>
    public static ProportionGap Proportions(int successes1, int n1, int successes2, int n2, double level = 0.95)
    {
        var w1 = Intervals.Wilson(successes1, n1, level);
        var w2 = Intervals.Wilson(successes2, n2, level);
        var p1 = w1.Estimate;
        var p2 = w2.Estimate;
        var diff = p1 - p2;
        var lower = diff - Math.Sqrt(((p1 - w1.Lower) * (p1 - w1.Lower)) + ((w2.Upper - p2) * (w2.Upper - p2)));
        var upper = diff + Math.Sqrt(((w1.Upper - p1) * (w1.Upper - p1)) + ((p2 - w2.Lower) * (p2 - w2.Lower)));
        var pooled = (double)(successes1 + successes2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        var z = se == 0 ? 0 : diff / se;
        return new ProportionGap(diff, new Interval(diff, lower, upper, level, "newcombe-hybrid-score"), z, se == 0 ? 1 : Distributions.NormalTwoSidedP(z));
    }

    /// <summary>
    /// The rest of a population once a group is taken out, from summaries alone (exact: uses the pooled sums of
    /// squares). Lets a group be compared with "everyone else" without re-reading answers.
    /// </summary>
    /// <param name="whole">The whole population (the group is inside it).</param>
    /// <param name="group">The group.</param>
    /// <returns>Summary of whole minus group.</returns>
    public static SampleSummary Remainder(SampleSummary whole, SampleSummary group)
    {
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(group);
        var n = whole.N - group.N;
        if (n <= 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN);
        }

        var sum = (whole.Mean * whole.N) - (group.Mean * group.N);
        var mean = sum / n;
        var ssWhole = ((whole.N - 1) * whole.Variance) + (whole.N * whole.Mean * whole.Mean);
        var ssGroup = ((group.N - 1) * (group.N < 2 ? 0 : group.Variance)) + (group.N * group.Mean * group.Mean);
        var ss = ssWhole - ssGroup - (n * mean * mean);
        return new SampleSummary(n, mean, n < 2 ? double.NaN : Math.Max(0, ss / (n - 1)));
    }

    /// <summary>
    /// Benjamini–Hochberg adjusted p-values (R <c>p.adjust(p, "BH")</c>): controls the false discovery rate across
    /// every gap shown at once. A gap is flagged at FDR q when its adjusted p ≤ q.
    /// </summary>
    /// <param name="pValues">Raw p-values in [0, 1], any order (NaN stays NaN and does not count).</param>
    /// <returns>Adjusted p-values in the input order.</returns>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderByDescending(i => pValues[i]).ToArray();
        var m = order.Length;
        var adjusted = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        var running = 1.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            var k = m - rank;
            running = Math.Min(running, pValues[i] * m / k);
            adjusted[i] = Math.Min(1, running);
        }

        return adjusted;
    }
}
