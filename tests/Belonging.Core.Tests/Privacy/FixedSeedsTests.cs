using CsCheck;

namespace Belonging.Core.Tests.Privacy;

public sealed class FixedSeedsTests
{
    [Fact]
    public void Sample_SameSeedTwice_SameCasesInTheSameOrder()
    {
        var first = new List<int>();
        var second = new List<int>();

        FixedSeeds.Sample(Gen.Int[0, 1_000_000], first.Add, seed: "0000Rep3at01", iter: 20, print: x => $"{x}");
        FixedSeeds.Sample(Gen.Int[0, 1_000_000], second.Add, seed: "0000Rep3at01", iter: 20, print: x => $"{x}");

        Assert.Equal(20, first.Distinct().Count());
        Assert.Equal(first, second);
    }
}
