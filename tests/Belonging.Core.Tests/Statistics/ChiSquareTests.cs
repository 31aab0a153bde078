using Belonging.Core.Statistics;

namespace Belonging.Core.Tests.Statistics;

public sealed class ChiSquareTests
{
    /// <summary>R 4.x: qchisq(0.95, 1) = 3.841458820694124, qchisq(0.99, 1) = 6.634896601021214, qchisq(0.95, 10) = 18.30703805327515, so pchisq at these is 0.95 / 0.99 / 0.95.</summary>
    [Theory]
    [InlineData(3.841458820694124, 1, 0.95)]
    [InlineData(6.634896601021214, 1, 0.99)]
    [InlineData(18.30703805327515, 10, 0.95)]
    public void ChiSquareCdf_MatchesRQuantiles(double x, double df, double expected)
    {
        Assert.Equal(expected, Distributions.ChiSquareCdf(x, df), 1e-10);
        Assert.Equal(1 - expected, Distributions.ChiSquareUpperTail(x, df), 1e-10);
    }

    /// <summary>With 2 degrees of freedom the chi-square is exponential with mean 2: pchisq(x, 2) = 1 − exp(−x/2) exactly.</summary>
    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    [InlineData(5.991464547107979)]
    [InlineData(40.0)]
    public void ChiSquareCdf_TwoDegrees_IsExponential(double x)
    {
        Assert.Equal(1 - Math.Exp(-x / 2), Distributions.ChiSquareCdf(x, 2), 1e-13);
        Assert.Equal(Math.Exp(-x / 2), Distributions.ChiSquareUpperTail(x, 2), Math.Exp(-x / 2) * 1e-12);
    }

    /// <summary>For even df = 2m, P(X &gt; x) = e^(−x/2) Σ_{j&lt;m} (x/2)^j / j! (the Poisson identity).</summary>
    [Theory]
    [InlineData(3.5, 4)]
    [InlineData(12.0, 10)]
    [InlineData(30.0, 20)]
    [InlineData(150.0, 60)]
    public void ChiSquareUpperTail_EvenDf_MatchesPoissonSum(double x, int df)
    {
        double term = Math.Exp(-x / 2), sum = 0;
        for (var j = 0; j < df / 2; j++)
        {
            sum += term;
            term *= x / 2 / (j + 1);
        }

        Assert.Equal(sum, Distributions.ChiSquareUpperTail(x, df), sum * 1e-10);
    }

    /// <summary>With 1 degree of freedom the upper tail is P(|Z| &gt; √x) = erfc(√(x/2)); checked deep into the tail (x = 100: about 1.5e−23).</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(100.0)]
    public void ChiSquareUpperTail_OneDf_MatchesNormal(double x)
    {
        var expected = Distributions.Erfc(Math.Sqrt(x / 2));
        Assert.Equal(expected, Distributions.ChiSquareUpperTail(x, 1), expected * 1e-9);
    }

    [Fact]
    public void ChiSquare_EdgeValues()
    {
        Assert.Equal(0, Distributions.ChiSquareCdf(0, 3));
        Assert.Equal(0, Distributions.ChiSquareCdf(-1, 3));
        Assert.Equal(1, Distributions.ChiSquareCdf(double.PositiveInfinity, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.ChiSquareCdf(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.RegularizedGammaP(1, double.NaN));
    }
}
