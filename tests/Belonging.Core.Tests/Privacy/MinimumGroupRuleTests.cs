using Belonging.Core.Privacy;
using CsCheck;

namespace Belonging.Core.Tests.Privacy;

public sealed class MinimumGroupRuleTests
{
    [Fact]
    public void Ctor_BelowFloor_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinimumGroupRule(2));

    [Fact]
    public void Apply_AtThreshold_ReportsValueAndN()
    {
        var cell = new MinimumGroupRule(5).Apply(5, () => 42.0);
        var (value, n) = cell.Match(r => (r.Value, r.N), _ => (double.NaN, -1));
        Assert.Equal(42.0, value);
        Assert.Equal(5, n);
    }

    [Fact]
    public void Apply_BelowThreshold_NeverComputesValue()
    {
        var computed = false;
        var cell = new MinimumGroupRule(5).Apply(4, () => { computed = true; return 1.0; });
        Assert.False(computed);
        Assert.Equal(SuppressionReason.BelowThreshold, cell.Match(_ => (SuppressionReason)0, s => s.Reason));
    }

    [Fact]
    public void Apply_AnyNBelowK_IsNeverReported() =>
        FixedSeeds.Sample(
            Gen.Select(Gen.Int[3, 50], Gen.Int[0, 100]),
            t => Assert.Equal(t.Item2 >= t.Item1 && t.Item2 > 0, new MinimumGroupRule(t.Item1).Apply(t.Item2, () => t.Item2).IsReported),
            seed: "0000M1nGr0up",
            iter: 100,
            print: t => $"k = {t.Item1}, n = {t.Item2}");
}
