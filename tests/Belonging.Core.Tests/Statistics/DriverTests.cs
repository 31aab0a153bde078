using Belonging.Core.Statistics;

namespace Belonging.Core.Tests.Statistics;

public sealed class DriverTests
{
    private static (double[][] Rows, string[] Names) Rows(string file, string outcome, string[] predictors)
    {
        var csv = ReferenceData.Csv(file);
        var n = csv[outcome].Length;
        return (Enumerable.Range(0, n).Select(i => predictors.Select(p => csv[p][i]).Append(csv[outcome][i]).ToArray()).ToArray(), predictors);
    }

    [Fact]
    public void Mtcars_RelativeWeightsAndDominance_MatchRwaAndR()
    {
        var (rows, names) = Rows("mtcars.csv", "mpg", ["cyl", "disp", "hp", "gear"]);
        var reference = ReferenceData.Values.GetProperty("relative_importance");
        var published = reference.GetProperty("mtcars_rwa").GetProperty("published_rwa_README");
        var computed = reference.GetProperty("mtcars_rwa").GetProperty("computed_here_base_R_Johnson2000");
        var dominance = reference.GetProperty("mtcars_dominance_same_model");

        var result = Drivers.Analyse(rows, names).Value;

        Assert.Equal(32, result.N);
        Assert.Equal(published.Number("rsquare"), result.RSquared, 5e-8);
        foreach (var d in result.Drivers)
        {
            Assert.Equal(published.Number("raw", d.Name), d.RawWeight, 5e-8);
            Assert.Equal(published.Number("rescaled_pct", d.Name), d.RescaledPercent, 5e-6);
            Assert.Equal(computed.Number("raw", d.Name), d.RawWeight, 1e-10);
            Assert.Equal(dominance.Number("general_dominance", d.Name), d.GeneralDominance, 1e-10);
            Assert.Equal(dominance.Number("single_predictor_r2", d.Name), d.SingleR2, 1e-10);
        }

        Assert.Equal(result.RSquared, result.Drivers.Sum(d => d.GeneralDominance), 1e-12);
    }

    [Fact]
    public void Attitude_Dominance_MatchesDominanceAnalysisReadme()
    {
        string[] predictors = ["complaints", "privileges", "learning", "raises", "critical", "advance"];
        var (rows, names) = Rows("attitude.csv", "rating", predictors);
        var reference = ReferenceData.Values.GetProperty("relative_importance");
        var published = reference.GetProperty("attitude_dominance").GetProperty("published_dominanceanalysis_README");
        var computed = reference.GetProperty("attitude_dominance").GetProperty("computed_here_all_subsets");
        var rwa = reference.GetProperty("attitude_rwa");

        var result = Drivers.Analyse(rows, names).Value;

        Assert.Equal(computed.Number("full_r2"), result.RSquared, 1e-10);
        foreach (var d in result.Drivers)
        {
            Assert.Equal(published.Number("general_dominance", d.Name), d.GeneralDominance, 0.0005);
            Assert.Equal(computed.Number("general_dominance", d.Name), d.GeneralDominance, 1e-10);
            Assert.Equal(rwa.Number("raw", d.Name), d.RawWeight, 1e-10);
            Assert.Equal(rwa.Number("rescaled_pct", d.Name), d.RescaledPercent, 1e-8);
        }
    }

    [Fact]
    public void TooFewCompleteRows_SaysSo()
    {
        var (rows, names) = Rows("mtcars.csv", "mpg", ["cyl", "disp"]);
        rows[0][0] = double.NaN;
        rows[1][2] = double.NaN;
        rows[2][1] = double.NaN;

        var result = Drivers.Analyse(rows, names);

        Assert.False(result.IsSuccess);
        var error = Assert.IsType<SampleTooSmallError>(result.Error);
        Assert.Equal(30, error.Minimum);
    }

    [Fact]
    public void CollinearPredictors_SaysSo()
    {
        var (rows, _) = Rows("mtcars.csv", "mpg", ["cyl", "disp"]);
        var doubled = rows.Select(r => new[] { r[0], r[1], 2 * r[1], r[2] }).ToArray();
        Assert.IsType<CollinearPredictorsError>(Drivers.Analyse(doubled, ["cyl", "disp", "disp2"]).Error);
    }
}
