using Belonging.Core.Statistics;
using CsCheck;

namespace Belonging.Core.Tests.Statistics;

public sealed class IntervalTests
{
    /// <summary>Newcombe (1998) "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson score).</summary>
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_MatchesNewcombeTable(int x, int n, double lower, double upper)
    {
        var ci = Intervals.Wilson(x, n);
        Assert.Equal(lower, ci.Lower, 0.00006);
        Assert.Equal(upper, ci.Upper, 0.00006);
    }

    /// <summary>Quantiles as printed by R 4.x: qnorm(0.975), qnorm(0.995), qt(0.975, 1), qt(0.975, 10), qt(0.995, 30).</summary>
    [Theory]
    [InlineData(0.975, double.PositiveInfinity, 1.959963984540054)]
    [InlineData(0.995, double.PositiveInfinity, 2.575829303548901)]
    [InlineData(0.975, 1, 12.70620473617471)]
    [InlineData(0.975, 10, 2.228138851986274)]
    [InlineData(0.995, 30, 2.749995653567209)]
    public void Quantiles_MatchR(double p, double df, double expected)
    {
        var actual = double.IsPositiveInfinity(df) ? Distributions.NormalQuantile(p) : Distributions.StudentTQuantile(p, df);
        Assert.Equal(expected, actual, 1e-10);
    }

    [Fact]
    public void StudentT_CdfAndQuantile_RoundTrip()
    {
        // Fixed, logged seeds (a fresh draw once hit p = 0.50023, df in the thousands, where the round trip is off by
        // 1.1e-10: the quantile there is close to 0 and its last digits carry the CDF's rounding); 1e-9 holds everywhere.
        Belonging.Core.Tests.Privacy.FixedSeeds.Sample(
            Gen.Double[0.001, 0.999].Select(Gen.Double[1, 5000]),
            t => Assert.Equal(t.Item1, Distributions.StudentTCdf(Distributions.StudentTQuantile(t.Item1, t.Item2), t.Item2), 1e-9),
            seed: "0000StudT001",
            iter: 300,
            print: t => t.ToString());
    }

    [Fact]
    public void Intervals_ContainTheirEstimate()
    {
        Gen.Int[1, 500].SelectMany(n => Gen.Int[0, n].Select(x => (x, n))).Sample(t =>
        {
            var ci = Intervals.Wilson(t.x, t.n);
            Assert.True(ci.Contains(ci.Estimate));
            Assert.InRange(ci.Lower, 0, 1);
            Assert.InRange(ci.Upper, 0, 1);
        });
        Gen.Double[0, 100].Array[2, 80].Select(Gen.Int).Sample((values, seed) =>
        {
            var t = Intervals.StudentMean(SampleSummary.Of(values), lowerBound: 0, upperBound: 100);
            Assert.True(t.Contains(t.Estimate));
            var boot = Intervals.BootstrapMean(values, seed, 200);
            Assert.True(boot.Lower <= boot.Upper);
            Assert.Equal(boot, Intervals.BootstrapMean(values, seed, 200));
        }, iter: 40);
    }

    [Fact]
    public void Bootstrap_CloseToT_ForLargeNormalSample()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 2000).Select(_ => 50 + (10 * Distributions.NormalQuantile(random.NextDouble()))).ToArray();
        var t = Intervals.StudentMean(SampleSummary.Of(values));
        var boot = Intervals.BootstrapMean(values, seed: 1, resamples: 4000);
        Assert.Equal(t.Lower, boot.Lower, 0.1);
        Assert.Equal(t.Upper, boot.Upper, 0.1);
    }
}
