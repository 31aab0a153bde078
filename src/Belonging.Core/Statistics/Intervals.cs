namespace Belonging.Core.Statistics;

/// <summary>A point estimate with a two-sided confidence interval.</summary>
/// <param name="Estimate">The point estimate.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Method">How the interval was computed ("wilson", "t", "bootstrap-percentile", "welch").</param>
public sealed record Interval(double Estimate, double Lower, double Upper, double Level, string Method)
{
    /// <summary>True when the interval covers <paramref name="value"/> (bounds included).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it lies within the bounds.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}

/// <summary>Sample size, mean and variance of a set of values.</summary>
/// <param name="N">Count.</param>
/// <param name="Mean">Arithmetic mean (NaN when N = 0).</param>
/// <param name="Variance">Sample variance with n − 1 (NaN when N &lt; 2).</param>
public sealed record SampleSummary(int N, double Mean, double Variance)
{
    /// <summary>Sample standard deviation.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Summarises values with Welford's numerically stable one-pass algorithm.</summary>
    /// <param name="values">The values (NaN not allowed: remove missing values first).</param>
    /// <returns>The summary.</returns>
    public static SampleSummary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = 0;
        double mean = 0, m2 = 0;
        foreach (var x in values)
        {
            n++;
            var delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        return new SampleSummary(n, n == 0 ? double.NaN : mean, n < 2 ? double.NaN : m2 / (n - 1));
    }
}

/// <summary>Confidence intervals for proportions and means.</summary>
public static class Intervals
{
    /// <summary>
    /// Wilson score interval for a proportion (R <c>prop.test(x, n, correct = FALSE)$conf.int</c>; Wilson 1927).
    /// Unlike the Wald interval it stays inside [0, 1] and behaves well for proportions near 0 or 1 and small n.
    /// </summary>
    /// <param name="successes">Count of successes (e.g. favourable answers), 0 ≤ successes ≤ n.</param>
    /// <param name="n">Trials, &gt; 0.</param>
    /// <param name="level">Confidence level in (0, 1), default 0.95.</param>
    /// <returns>Proportion (0–1) and its interval.</returns>
    public static Interval Wilson(int successes, int n, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        var z = Distributions.NormalQuantile(1 - ((1 - CheckLevel(level)) / 2));
        var p = (double)successes / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / (1 + (z2 / n));
        // At x = 0 and x = n the exact bounds are 0 and 1; rounding must not move them past the estimate.
        var lower = successes == 0 ? 0 : Math.Max(0, centre - half);
        var upper = successes == n ? 1 : Math.Min(1, centre + half);
        return new Interval(p, lower, upper, level, "wilson");
    }

    /// <summary>Student t interval for a mean: x̄ ± t(1 − α/2, n − 1)·s/√n (R <c>t.test(x)$conf.int</c>).</summary>
    /// <param name="sample">Summary with N ≥ 2.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="lowerBound">Smallest possible value of the measure (the interval is clipped to it), e.g. 0 for a 0–100 index.</param>
    /// <param name="upperBound">Largest possible value, e.g. 100.</param>
    /// <returns>The mean and its interval.</returns>
    public static Interval StudentMean(SampleSummary sample, double level = 0.95, double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.N < 2)
        {
            throw new ArgumentException("A t interval needs at least two values.", nameof(sample));
        }

        var t = Distributions.StudentTQuantile(1 - ((1 - CheckLevel(level)) / 2), sample.N - 1);
        var half = t * Math.Sqrt(sample.Variance / sample.N);
        return new Interval(sample.Mean, Math.Max(lowerBound, sample.Mean - half), Math.Min(upperBound, sample.Mean + half), level, "t");
    }

    /// <summary>
    /// Percentile bootstrap interval for the mean (Efron), reproducible from <paramref name="seed"/>: draws
    /// <paramref name="resamples"/> samples with replacement, takes the α/2 and 1 − α/2 quantiles of their means
    /// (R's default quantile type 7).
    /// </summary>
    /// <param name="values">At least two values.</param>
    /// <param name="seed">Seed of the resampling generator: the same seed gives the same interval.</param>
    /// <param name="resamples">Number of bootstrap samples (≥ 100; default 2,000).</param>
    /// <param name="level">Confidence level.</param>
    /// <returns>The mean and its interval.</returns>
    public static Interval BootstrapMean(IReadOnlyList<double> values, int seed, int resamples = 2000, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        if (values.Count < 2)
        {
            throw new ArgumentException("A bootstrap interval needs at least two values.", nameof(values));
        }

        var random = new Random(seed);
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double sum = 0;
            for (var i = 0; i < values.Count; i++)
            {
                sum += values[random.Next(values.Count)];
            }

            means[b] = sum / values.Count;
        }

        Array.Sort(means);
        var alpha = 1 - CheckLevel(level);
        return new Interval(values.Average(), Quantile(means, alpha / 2), Quantile(means, 1 - (alpha / 2)), level, "bootstrap-percentile");
    }

    /// <summary>Sample quantile of sorted data, R's default type 7 (linear interpolation between order statistics).</summary>
    /// <param name="sorted">Ascending values, at least one.</param>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>The quantile.</returns>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static double CheckLevel(double level) =>
        level is > 0 and < 1 ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level is between 0 and 1, e.g. 0.95.");
}
