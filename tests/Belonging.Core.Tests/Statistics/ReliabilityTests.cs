using Belonging.Core.Statistics;
using CsCheck;

namespace Belonging.Core.Tests.Statistics;

/// <summary>Reliability against R psych 2.2.9 / stats::factanal on bfi.csv (values in measurement-reference-values.json).</summary>
public sealed class ReliabilityTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Scales => new(ReferenceData.BfiScales);

    [Theory]
    [MemberData(nameof(Scales))]
    public void Listwise_Bfi_MatchesPlainCronbachAndFactanal(string scale)
    {
        var (rows, names) = ReferenceData.BfiScale(scale);
        var expected = ReferenceData.Values.GetProperty("bfi").GetProperty("scales").GetProperty(scale).GetProperty("listwise");

        var result = Reliability.Analyse(rows, names, MissingDataRule.Listwise);

        Assert.Equal(expected.GetProperty("n").GetInt32(), result.Respondents);
        Assert.Equal(expected.Number("raw_alpha"), result.RawAlpha, Tolerance);
        Assert.Equal(expected.Number("std_alpha"), result.StandardisedAlpha, Tolerance);
        Assert.Equal(expected.Number("scale_mean"), result.ScaleMean, Tolerance);
        Assert.Equal(expected.Number("scale_sd"), result.ScaleStandardDeviation, Tolerance);
        foreach (var item in result.Items)
        {
            Assert.Equal(expected.Number("alpha_if_deleted_raw", item.Name), item.AlphaIfDeletedRaw, Tolerance);
        }

        // ML factor analysis: factanal's optimiser stops at its own tolerance, so loadings agree to about 1e-5.
        Assert.Equal(expected.Number("omega_total_factanal_ML_1factor"), result.OmegaTotal!.Value, 1e-5);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(Math.Abs(expected.Number("factanal_loadings", names[i])), Math.Abs(result.Loadings[i]), 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void Pairwise_Bfi_MatchesPsychAlpha(string scale)
    {
        var (rows, names) = ReferenceData.BfiScale(scale);
        var expected = ReferenceData.Values.GetProperty("bfi").GetProperty("scales").GetProperty(scale).GetProperty("psych_alpha_pairwise");

        var result = Reliability.Analyse(rows, names, MissingDataRule.Pairwise);

        Assert.Equal(expected.Number("raw_alpha"), result.RawAlpha, Tolerance);
        Assert.Equal(expected.Number("std_alpha"), result.StandardisedAlpha, Tolerance);
        Assert.Equal(expected.Number("average_r"), result.AverageInterItemCorrelation, Tolerance);
        Assert.Equal(expected.Number("scale_mean"), result.ScaleMean, Tolerance);
        Assert.Equal(expected.Number("scale_sd"), result.ScaleStandardDeviation, Tolerance);
        foreach (var item in result.Items)
        {
            Assert.Equal(expected.GetProperty("item_n").GetProperty(item.Name).GetInt32(), item.N);
            Assert.Equal(expected.Number("item_mean_keyed", item.Name), item.Mean, Tolerance);
            Assert.Equal(expected.Number("item_sd", item.Name), item.StandardDeviation, Tolerance);
            Assert.Equal(expected.Number("alpha_if_deleted_raw", item.Name), item.AlphaIfDeletedRaw, Tolerance);
            Assert.Equal(expected.Number("alpha_if_deleted_std", item.Name), item.AlphaIfDeletedStandardised, Tolerance);
            Assert.Equal(expected.Number("item_r_drop", item.Name), item.CorrectedItemTotal, Tolerance);
        }
    }

    [Fact]
    public void RowOrderAndConstantShift_AlphaUnchanged_MeansShift()
    {
        Gen.Int[0, 10_000].Sample(seed =>
        {
            var random = new Random(seed);
            var rows = Enumerable.Range(0, 40).Select(_ =>
            {
                var trait = random.Next(1, 6);
                return Enumerable.Range(0, 4).Select(_ => random.NextDouble() < 0.1 ? double.NaN : Math.Clamp(trait + random.Next(-1, 2), 1, 5)).ToArray();
            }).ToArray();
            string[] names = ["a", "b", "c", "d"];
            var baseline = Reliability.Analyse(rows, names, MissingDataRule.Pairwise);
            var shuffled = Reliability.Analyse(rows.OrderBy(_ => random.Next()).ToArray(), names, MissingDataRule.Pairwise);
            var shifted = Reliability.Analyse(rows.Select(r => r.Select(v => v + 10).ToArray()).ToArray(), names, MissingDataRule.Pairwise);

            Assert.Equal(baseline.RawAlpha, shuffled.RawAlpha, 1e-12);
            Assert.Equal(baseline.StandardisedAlpha, shuffled.StandardisedAlpha, 1e-12);
            Assert.Equal(baseline.RawAlpha, shifted.RawAlpha, 1e-9);
            Assert.Equal(baseline.ScaleMean + 10, shifted.ScaleMean, 1e-9);
            Assert.Equal(baseline.ScaleStandardDeviation, shifted.ScaleStandardDeviation, 1e-9);
        }, iter: 50);
    }

    [Fact]
    public void OneFactor_CorrelationNotPositiveDefinite_NoOmegaInsteadOfAWrongNumber()
    {
        // Pairwise deletion can produce such a matrix: a with b and b with c strongly positive, a with c strongly negative.
        var notPositiveDefinite = new[,] { { 1, 0.9, -0.9 }, { 0.9, 1, 0.9 }, { -0.9, 0.9, 1 } };
        var positiveDefinite = new[,] { { 1, 0.5, 0.4 }, { 0.5, 1, 0.3 }, { 0.4, 0.3, 1 } };

        Assert.Null(FactorAnalysis.OneFactor(notPositiveDefinite));
        Assert.NotNull(FactorAnalysis.OneFactor(positiveDefinite));
    }

    [Fact]
    public void Analyse_PairwiseOnSparseAnswers_ReportsAlphaAndOmitsOmegaWhenMatrixIsNotPositiveDefinite()
    {
        // The CsCheck case that once crashed the eigen-solver: keep a fixed instance of it as a regression test.
        var random = new Random(240);
        var rows = Enumerable.Range(0, 40).Select(_ =>
        {
            var trait = random.Next(1, 6);
            return Enumerable.Range(0, 4).Select(_ => random.NextDouble() < 0.1 ? double.NaN : Math.Clamp(trait + random.Next(-1, 2), 1, 5)).ToArray();
        }).ToArray();

        var result = Reliability.Analyse(rows, ["a", "b", "c", "d"], MissingDataRule.Pairwise);

        Assert.True(double.IsFinite(result.RawAlpha));
        Assert.True(result.OmegaTotal is null || double.IsFinite(result.OmegaTotal.Value));
    }

    [Fact]
    public void OneItem_Throws() =>
        Assert.Throws<ArgumentException>(() => Reliability.Analyse([[1.0], [2.0]], ["only"], MissingDataRule.Listwise));
}
