using Belonging.Core.Statistics;
using CsCheck;

namespace Belonging.Core.Tests.Statistics;

public sealed class GapTests
{
    public static TheoryData<string> Scales => new(ReferenceData.BfiScales);

    /// <summary>Person score = mean of available keyed items; female (2) − male (1); R stats::t.test (Welch) and pooled-SD Cohen's d.</summary>
    [Theory]
    [MemberData(nameof(Scales))]
    public void Welch_BfiGender_MatchesR(string scale)
    {
        var (rows, _) = ReferenceData.BfiScale(scale);
        var gender = ReferenceData.Csv("bfi.csv")["gender"];
        var scores = rows.Select(r => r.Where(v => !double.IsNaN(v)).Average()).ToArray();
        var female = SampleSummary.Of(scores.Where((_, i) => gender[i] == 2));
        var male = SampleSummary.Of(scores.Where((_, i) => gender[i] == 1));
        var expected = ReferenceData.Values.GetProperty("bfi").GetProperty("group_gaps").GetProperty("scales").GetProperty(scale);

        var gap = Gaps.Welch(female, male);

        Assert.Equal(expected.GetProperty("n_female").GetInt32(), female.N);
        Assert.Equal(expected.Number("mean_female"), female.Mean, 1e-9);
        Assert.Equal(expected.Number("sd_male"), male.StandardDeviation, 1e-9);
        Assert.Equal(expected.Number("diff_female_minus_male"), gap.Difference, 1e-9);
        Assert.Equal(expected.Number("welch_t"), gap.T, 1e-7);
        Assert.Equal(expected.Number("welch_df"), gap.DegreesOfFreedom, 1e-6);
        Assert.Equal(1, gap.P / expected.Number("welch_p"), 1e-6);
        Assert.Equal(expected.Number("cohens_d"), gap.CohensD, 1e-9);
        Assert.True(Math.Abs(gap.HedgesG) < Math.Abs(gap.CohensD));
        Assert.True(gap.Interval.Contains(gap.Difference));
    }

    [Fact]
    public void Remainder_FromSummaries_EqualsDirectSummary()
    {
        Gen.Double[-5, 5].Array[3, 60].Select(Gen.Int[1, 20]).Where(t => t.Item2 < t.Item1.Length - 1).Sample(t =>
        {
            var (values, k) = t;
            var whole = SampleSummary.Of(values);
            var rest = Gaps.Remainder(whole, SampleSummary.Of(values.Take(k)));
            var direct = SampleSummary.Of(values.Skip(k));
            Assert.Equal(direct.N, rest.N);
            Assert.Equal(direct.Mean, rest.Mean, 1e-9);
            Assert.Equal(direct.Variance, rest.Variance, 1e-7);
        });
    }

    /// <summary>Newcombe (1998) "Interval estimation for the difference between independent proportions", Table II, method 10.</summary>
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void Proportions_NewcombeHybridScore_MatchesPublishedTable(int x1, int n1, int x2, int n2, double lower, double upper)
    {
        var gap = Gaps.Proportions(x1, n1, x2, n2);
        Assert.Equal(lower, gap.Interval.Lower, 0.00006);
        Assert.Equal(upper, gap.Interval.Upper, 0.00006);
    }

    [Fact]
    public void BenjaminiHochberg_HandComputed()
    {
        // m = 4, sorted 0.005, 0.01, 0.03, 0.04 → 0.02, 0.02, 0.04, 0.04 (R p.adjust(c(.01,.04,.03,.005), "BH")).
        Assert.Equal([0.02, 0.04, 0.04, 0.02], Gaps.BenjaminiHochberg([0.01, 0.04, 0.03, 0.005]), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal([0.05, 0.05, 0.05, 0.05, 0.05], Gaps.BenjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]), (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void BenjaminiHochberg_Properties()
    {
        Gen.Double[0, 1].Array[1, 50].Sample(p =>
        {
            var adjusted = Gaps.BenjaminiHochberg(p);
            var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
            for (var i = 0; i < p.Length; i++)
            {
                Assert.InRange(adjusted[i], p[i] - 1e-15, 1.0); // p·m/m may round below p in the last bit
            }

            for (var i = 1; i < order.Length; i++)
            {
                Assert.True(adjusted[order[i]] >= adjusted[order[i - 1]]);
            }
        });
    }
}
