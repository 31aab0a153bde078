using Belonging.Core.Statistics;
using Belonging.Core.Surveys;
using CsCheck;

namespace Belonging.Core.Tests.Surveys;

public sealed class ComparisonTests
{
    [Fact]
    public void WithWhole_DifferenceIsScaledGroupVsRest_SameP()
    {
        Gen.Double[0, 100].Array[6, 60].Select(Gen.Int[3, 30]).Where(t => t.Item2 <= t.Item1.Length - 3).Sample(t =>
        {
            var (values, k) = t;
            var group = SampleSummary.Of(values.Take(k));
            var rest = SampleSummary.Of(values.Skip(k));
            var whole = SampleSummary.Of(values);
            var vsRest = Comparison.Between(group, rest);
            var vsWhole = Comparison.WithWhole(group, whole);
            if (vsRest is null)
            {
                Assert.Null(vsWhole);
                return;
            }

            Assert.NotNull(vsWhole);
            Assert.Equal(group.Mean - whole.Mean, vsWhole.Difference, 1e-9);
            Assert.Equal((1 - ((double)k / values.Length)) * vsRest.Difference, vsWhole.Difference, 1e-9);
            Assert.Equal(vsRest.P, vsWhole.P, 1e-9);
            Assert.True(vsWhole.Interval.Contains(vsWhole.Difference));
        });
    }

    [Fact]
    public void Estimate_FromProportion_WilsonOnPercentScale()
    {
        var e = Estimate.FromProportion(81, 263);
        Assert.Equal(100.0 * 81 / 263, e.Value, 12);
        Assert.Equal(25.53, e.Interval.Lower, 0.006);
        Assert.Equal(36.62, e.Interval.Upper, 0.006);
        Assert.Equal(263, e.Sample.N);
    }
}
