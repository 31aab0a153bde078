using System.Buffers.Binary;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// The statistical tester for <see cref="GeometricMechanism"/>: (a) a chi-square goodness-of-fit test of the noise against the
/// exact pmf, (b) a DP audit of neighbouring counts; and the canary — a mechanism that claims ε but adds the noise of 4ε —
/// that the same tester must reject. All draws come from seeded sources, so every run sees the same samples.
/// </summary>
public sealed class GeometricMechanismTests(ITestOutputHelper output)
{
    /// <summary>Significance of every statistical check (per ε; the audit splits it over its outcomes by Bonferroni).</summary>
    private const double Significance = 0.001;

    private const int Samples = 200_000;

    public static TheoryData<string, int> Epsilons => new()
    {
        { "0.05", 11 },
        { "0.5", 12 },
        { "1", 13 },
        { "3", 14 },
        { "0.123456789", 15 },
    };

    public static TheoryData<string, string, int> CanaryEpsilons => new()
    {
        { "0.05", "4", 21 },
        { "0.5", "4", 22 },
        { "1", "4", 23 },
        { "0.5", "1.5", 24 },
        { "1", "1.25", 25 },
    };

    [Theory]
    [MemberData(nameof(Epsilons))]
    public void SampleNoise_MatchesExactPmf_ChiSquareDoesNotReject(string epsilon, int seed)
    {
        var mechanism = new GeometricMechanism(decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture));
        var random = new SeededSource(seed);

        var fit = GoodnessOfFit(() => mechanism.SampleNoise(random), mechanism.Alpha);
        output.WriteLine($"ε = {epsilon}: χ² = {fit.Statistic:F1} on {fit.Df} df, p = {fit.PValue:G3}");

        Assert.True(fit.PValue >= Significance, $"ε = {epsilon}: χ² = {fit.Statistic:F1} on {fit.Df} df, p = {fit.PValue:G3}");
    }

    [Theory]
    [MemberData(nameof(Epsilons))]
    public void Release_NeighbouringCounts_RatioWithinExpEpsilon(string epsilon, int seed)
    {
        var e = decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture);
        var mechanism = new GeometricMechanism(e);
        var random = new SeededSource(seed);

        var audit = Audit(c => mechanism.Release(c, random), (double)e);
        output.WriteLine($"ε = {epsilon}: {audit.Outcomes} outcomes, worst z = {audit.WorstZ:F2}, critical {audit.Critical:F2}");

        Assert.True(audit.Outcomes >= 3, $"only {audit.Outcomes} well-populated outcomes");
        Assert.False(audit.Rejected, $"ε = {epsilon}: worst z = {audit.WorstZ:F2} > {audit.Critical:F2} at outcome {audit.WorstOutcome}");
    }

    [Theory]
    [MemberData(nameof(CanaryEpsilons))]
    public void Canary_UnderNoised_IsRejectedByBothTests(string epsilon, string factor, int seed)
    {
        var claimed = decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture);
        var canary = new GeometricMechanism(claimed * decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture));
        var claimedAlpha = new GeometricMechanism(claimed).Alpha;
        var random = new SeededSource(seed);

        var fit = GoodnessOfFit(() => canary.SampleNoise(random), claimedAlpha);
        var audit = Audit(c => canary.Release(c, random), (double)claimed);
        output.WriteLine($"canary claiming ε = {epsilon}, using {factor}ε: fit p = {fit.PValue:G3} (χ² = {fit.Statistic:F0} on {fit.Df} df); audit worst z = {audit.WorstZ:F1}, critical {audit.Critical:F2}");

        Assert.True(fit.PValue < Significance, $"canary passed the fit: p = {fit.PValue:G3}");
        Assert.True(audit.Rejected, $"canary passed the audit: worst z = {audit.WorstZ:F2} ≤ {audit.Critical:F2}");
    }

    [Fact]
    public void Release_ClampsToZeroAndKnownTotal()
    {
        var mechanism = new GeometricMechanism(0.1m);
        var random = new SeededSource(7);
        var draws = Enumerable.Range(0, 20_000).Select(i => mechanism.Release(i % 2 == 0 ? 0 : 19, random, knownTotal: 20)).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0, 20));
        Assert.Contains(0, draws);
        Assert.Contains(20, draws);
        Assert.Contains(draws, d => d is > 0 and < 20);
    }

    [Fact]
    public void Release_SameSeed_SameOutputs()
    {
        var mechanism = new GeometricMechanism(0.5m);
        var (a, b) = (new SeededSource(3), new SeededSource(3));
        Assert.Equal(
            Enumerable.Range(0, 100).Select(_ => mechanism.Release(50, a)),
            Enumerable.Range(0, 100).Select(_ => mechanism.Release(50, b)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.0000000001")]
    [InlineData("1000.5")]
    public void Constructor_InvalidEpsilon_Throws(string epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometricMechanism(decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Release_TotalBelowCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeometricMechanism(1m).Release(5, new SeededSource(1), knownTotal: 4));

    [Fact]
    public void Probability_SumsToOne_AndMatchesAlphaRatio()
    {
        var mechanism = new GeometricMechanism(0.5m, sensitivity: 2);
        var sum = Enumerable.Range(-400, 801).Sum(z => mechanism.Probability(z));
        Assert.Equal(1.0, sum, 1e-12);
        Assert.Equal(Math.Exp(-0.25), mechanism.Probability(3) / mechanism.Probability(2), 1e-12);
        Assert.Equal(mechanism.Probability(-7), mechanism.Probability(7));
    }

    /// <summary>
    /// Chi-square goodness of fit of <see cref="Samples"/> noise draws against P(Z = z) = (1 − α)/(1 + α) α^|z|. Bins: every
    /// z in [−m, m] plus the two tails, with m the largest value keeping every expected count ≥ 5 (tails by the exact
    /// formula P(Z &gt; m) = α^(m+1)/(1 + α)). df = bins − 1 (no parameter is estimated).
    /// </summary>
    private static (double Statistic, int Df, double PValue) GoodnessOfFit(Func<long> sample, double alpha)
    {
        double Pmf(long z) => (1 - alpha) / (1 + alpha) * Math.Pow(alpha, Math.Abs(z));
        double Tail(long m) => Math.Pow(alpha, m + 1) / (1 + alpha);
        long m = 0;
        while (Samples * Pmf(m + 1) >= 5 && Samples * Tail(m + 1) >= 5)
        {
            m++;
        }

        var observed = new long[(2 * m) + 3];
        for (var i = 0; i < Samples; i++)
        {
            var z = sample();
            observed[z < -m ? 0 : z > m ? observed.Length - 1 : z + m + 1]++;
        }

        var statistic = 0.0;
        for (var bin = 0; bin < observed.Length; bin++)
        {
            var p = bin == 0 || bin == observed.Length - 1 ? Tail(m) : Pmf(bin - m - 1);
            var expected = Samples * p;
            statistic += (observed[bin] - expected) * (observed[bin] - expected) / expected;
        }

        var df = observed.Length - 1;
        return (statistic, df, Distributions.ChiSquareUpperTail(statistic, df));
    }

    /// <summary>
    /// DP audit on neighbouring counts c = 1000 and c + 1: draws <see cref="Samples"/> releases of each and, for every
    /// outcome o seen at least 100 times under both, tests both directions of H0: ln P(M(c)=o)/P(M(c′)=o) ≤ ε, one-sided,
    /// with z = (ln(n₁/n₂) − ε) / √(1/n₁ + 1/n₂) (delta method; equal sample sizes) against the normal critical value at
    /// <see cref="Significance"/> divided by the number of tests (Bonferroni). The true mechanism sits exactly on the bound
    /// for half the outcomes, so the test is tight.
    /// </summary>
    private static (bool Rejected, double WorstZ, double Critical, long WorstOutcome, int Outcomes) Audit(Func<int, int> release, double epsilon)
    {
        const int c = 1000;
        var first = Histogram(() => release(c));
        var second = Histogram(() => release(c + 1));
        var outcomes = first.Keys.Where(o => first[o] >= 100 && second.TryGetValue(o, out var n) && n >= 100).Order().ToList();
        var critical = Distributions.NormalQuantile(1 - (Significance / (2 * Math.Max(outcomes.Count, 1))));
        var (worst, at) = (double.NegativeInfinity, 0L);
        foreach (var o in outcomes)
        {
            double n1 = first[o], n2 = second[o];
            var se = Math.Sqrt((1 / n1) + (1 / n2));
            foreach (var logRatio in new[] { Math.Log(n1 / n2), Math.Log(n2 / n1) })
            {
                var z = (logRatio - epsilon) / se;
                if (z > worst)
                {
                    (worst, at) = (z, o);
                }
            }
        }

        return (worst > critical, worst, critical, at, outcomes.Count);
    }

    private static Dictionary<long, int> Histogram(Func<int> draw)
    {
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < Samples; i++)
        {
            var o = draw();
            counts[o] = counts.GetValueOrDefault(o) + 1;
        }

        return counts;
    }

    /// <summary>A reproducible uniform source for tests (never for production: System.Random is not a CSPRNG).</summary>
    internal sealed class SeededSource(int seed) : IRandomSource
    {
        private readonly Random random = new(seed);

        public ulong NextUInt64()
        {
            Span<byte> bytes = stackalloc byte[8];
            random.NextBytes(bytes);
            return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }
    }
}
