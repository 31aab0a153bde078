using Belonging.Core.Privacy;
using CsCheck;

namespace Belonging.Core.Tests.Privacy;

public sealed class PrivacyBudgetTests
{
    [Fact]
    public void Spend_TenHalves_ReachExactlyFive_EleventhRefused()
    {
        var budget = PrivacyBudget.Create(5m);
        for (var i = 0; i < 10; i++)
        {
            budget = budget.Spend(0.5m).Value;
        }

        Assert.Equal(5m, budget.Spent);
        Assert.Equal(0m, budget.Remaining);
        var refused = budget.Spend(0.5m);
        var error = Assert.IsType<PrivacyBudgetExceededError>(refused.Error);
        Assert.Equal(0.5m, error.Requested);
        Assert.Equal(0m, error.Remaining);
        Assert.Equal("privacy.budget_exceeded", error.Code);
    }

    [Fact]
    public void Spend_PastTotal_RefusedAndBudgetUnchanged()
    {
        var budget = PrivacyBudget.Restore(1m, 0.7m);
        var refused = budget.Spend(0.31m);

        Assert.False(refused.IsSuccess);
        Assert.Equal(0.7m, budget.Spent);
        Assert.False(budget.CanSpend(0.31m));
        Assert.True(budget.CanSpend(0.3m));
        Assert.Equal(1m, budget.Spend(0.3m).Value.Spent);
    }

    [Fact]
    public void Spend_RandomSequence_SpentNeverDecreasesAndNeverExceedsTotal()
    {
        FixedSeeds.Sample(Gen.Int[1, 100].Select(Gen.Int[1, 300].Array[1, 60]), drawn =>
        {
            var (totalTenths, costs) = drawn;
            var budget = PrivacyBudget.Create(totalTenths / 10m);
            var sum = 0m;
            foreach (var cost in costs.Select(c => c / 100m))
            {
                var before = budget.Spent;
                var next = budget.Spend(cost);
                Assert.Equal(before + cost <= budget.Total, next.IsSuccess);
                budget = next.IsSuccess ? next.Value : budget;
                sum += next.IsSuccess ? cost : 0;
                Assert.True(budget.Spent >= before);
                Assert.True(budget.Spent <= budget.Total);
            }

            Assert.Equal(sum, budget.Spent);
        },
        seed: "0000Budg3t01",
        iter: 100,
        print: drawn => $"total {drawn.Item1 / 10m}, costs [{string.Join(", ", drawn.Item2)}]");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.1")]
    public void Spend_NonPositive_Throws(string epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrivacyBudget.Create(1m).Spend(decimal.Parse(epsilon, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Restore_SpentAboveTotal_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrivacyBudget.Restore(1m, 1.5m));
}
