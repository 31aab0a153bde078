using System.Text.Json;
using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using CsCheck;

namespace Belonging.Core.Tests.Surveys;

public sealed class ScoringTests
{
    private static readonly JsonElement Csps = Load().GetProperty("csps_index_scoring");

    private static JsonElement Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "measurement-reference-values.json")));
        return doc.RootElement.Clone();
    }

    private static byte Code(string label) => label switch
    {
        "SD" => 1,
        "D" => 2,
        "N" => 3,
        "A" => 4,
        "SA" => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(label)),
    };

    [Fact]
    public void RespondentIndex_CspsWorkedRespondent_Is65()
    {
        var example = Csps.GetProperty("example_respondent");
        var answers = example.GetProperty("responses_B47_to_B51").EnumerateArray().Select(a => Code(a.GetString()!)).ToArray();
        Assert.Equal(example.GetProperty("published_score_pct").GetDouble(), Scoring.RespondentIndex(answers)!.Value, 12);
    }

    [Fact]
    public void GroupIndex_CspsGroupOfTen_Is53()
    {
        var example = Csps.GetProperty("example_group_of_10");
        var scores = example.GetProperty("respondent_scores").EnumerateArray().Select(s => s.GetDouble());
        Assert.Equal(example.GetProperty("published_index_pct").GetDouble(), Scoring.GroupIndex(scores), 12);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void AgreementDistribution_CspsOrgExamples_SamePositiveDifferentIndex(string org)
    {
        var example = Csps.GetProperty("example_orgs");
        // Published as rounded % SA, A, N, D, SD; read as counts out of 100 people. Org B's printed percentages sum
        // to 102 (rounding in the guide) and the guide still divides by 100, so we rescale by N / 100 to compare
        // like with like (for org A, N = 100 and the rescaling is the identity).
        var pct = example.GetProperty($"org_{org}_distribution_SA_A_N_D_SD_pct").EnumerateArray().Select(p => p.GetInt32()).ToArray();
        var distribution = new AgreementDistribution([pct[4], pct[3], pct[2], pct[1], pct[0]]);
        var scale = distribution.N / 100.0;
        Assert.Equal(example.GetProperty($"org_{org}_percent_positive").GetDouble(), distribution.PercentFavourable * scale, 12);
        Assert.Equal(example.GetProperty($"org_{org}_published_index").GetDouble(), distribution.Score * scale, 12);
    }

    [Fact]
    public void AgreementDistribution_CspsTableA_PositiveRatioMatchesTo4dp()
    {
        var example = Csps.GetProperty("example_rounding_tableA");
        var c = example.GetProperty("counts_SA_A_N_D_SD").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var distribution = new AgreementDistribution([c[4], c[3], c[2], c[1], c[0]]);
        Assert.Equal(example.GetProperty("total").GetInt32(), distribution.N);
        Assert.Equal(example.GetProperty("computed_positive").GetDouble(), distribution.PercentFavourable / 100, 14);
        Assert.Equal(example.GetProperty("published_positive").GetDouble(), Math.Round(distribution.PercentFavourable / 100, 4), 15);
    }

    [Fact]
    public void RecommendScore_PublishedExample_Is10()
    {
        // 30 % promoters, 50 % passives, 20 % detractors.
        Assert.Equal(10.0, Scoring.RecommendScore(30, 50, 20), 12);
    }

    [Fact]
    public void RespondentIndex_AllMissing_IsNull() => Assert.Null(Scoring.RespondentIndex([0, 0, 0]));

    [Fact]
    public void RespondentIndex_MissingIsNotZero()
    {
        // "Don't know" must not drag the score down: SA + missing = 100, not 50.
        Assert.Equal(100.0, Scoring.RespondentIndex([5, 0])!.Value);
    }

    [Fact]
    public void Keyed_ReverseKeyedItem_Flips()
    {
        Assert.Equal(1, Scoring.Keyed(5, true));
        Assert.Equal(0, Scoring.Keyed(0, true));
        Assert.Equal(4, Scoring.Keyed(4, false));
    }

    private static readonly ScoredItem[] Items =
    [
        new(0, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.None, false),
        new(1, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, true),
        new(2, ItemScale.Agreement5, null, OutcomeKind.IntentToStay, false),
        new(3, ItemScale.ZeroToTen, null, OutcomeKind.Recommend, false),
    ];

    [Fact]
    public void Score_GroupBelowK_IsSuppressedWithoutCounts()
    {
        var sets = new List<byte[]> { new byte[] { 5, 1, 4, 11 }, new byte[] { 4, 2, 5, 10 } };
        var result = GroupScoring.Score(Items, sets, [0, 1], new MinimumGroupRule(3));
        Assert.False(result.IsReported);
    }

    [Fact]
    public void Score_KnownGroup_ComputesEveryFigure()
    {
        // Five respondents; item 1 is reverse-keyed; the 0–10 item is stored as value + 1.
        var sets = new List<byte[]>
        {
            new byte[] { 5, 1, 4, 11 }, // LV 100, PS keyed 5 → 100, stay fav, promoter (10)
            new byte[] { 4, 2, 5, 10 }, // 75, keyed 4 → 75, fav, promoter (9)
            new byte[] { 3, 3, 3, 8 },  // 50, 50, neutral, passive (7)
            new byte[] { 2, 4, 2, 6 },  // 25, keyed 2 → 25, unfav, detractor (5)
            new byte[] { 0, 5, 0, 0 },  // missing, keyed 1 → 0, missing, missing
        };
        var scores = GroupScoring.Score(Items, sets, [0, 1, 2, 3, 4], new MinimumGroupRule(3))
            .Match(r => r.Value, _ => throw new InvalidOperationException("suppressed"));
        Assert.Equal(5, scores.Respondents);
        // Respondent indices: 100, 75, 50, 25, 0 → 50.
        Assert.Equal(50.0, Value(scores.Index), 12);
        Assert.Equal((100 + 75 + 50 + 25) / 4.0, Value(scores.Components[0].Index), 12);
        Assert.Equal((100 + 75 + 50 + 25 + 0) / 5.0, Value(scores.Components[1].Index), 12);
        Assert.Equal(50.0, Value(scores.IntentToStay), 12);          // 2 of 4 favourable
        var recommend = scores.Recommend.Match(r => r.Value, _ => throw new InvalidOperationException());
        Assert.Equal(25.0, recommend.Score, 12);                   // 50 % − 25 %
        Assert.Equal(4, scores.Recommend.Match(r => r.N, _ => 0));
        // A component nobody in the group answered is suppressed, not zero.
        Assert.False(scores.Components[2].Index.IsReported);
    }

    private static double Value(Disclosure<Estimate> d) => d.Match(r => r.Value.Value, _ => double.NaN);

    [Fact]
    public void Score_ResultIndependentOfMemberOrder() =>
        Gen.Byte[0, 5].Array[4].Array[5, 30].Sample(raw =>
        {
            var sets = raw.Select(r => new[] { r[0], r[1], r[2], (byte)(r[3] * 2) }).ToList();
            var order = Enumerable.Range(0, sets.Count).ToArray();
            var reversed = order.Reverse().ToArray();
            var a = GroupScoring.Score(Items, sets, order, new MinimumGroupRule(3)).Match(r => Value(r.Value.Index), _ => -1);
            var b = GroupScoring.Score(Items, sets, reversed, new MinimumGroupRule(3)).Match(r => Value(r.Value.Index), _ => -1);
            return Math.Abs(a - b) < 1e-9 || (double.IsNaN(a) && double.IsNaN(b));
        });

    [Fact]
    public void Score_NoItemBelowK_EverReported() =>
        Gen.Byte[0, 5].Array[4].Array[3, 12].Sample(raw =>
        {
            var sets = raw.Select(r => new[] { r[0], r[1], r[2], r[3] }).ToList();
            var rule = new MinimumGroupRule(4);
            var result = GroupScoring.Score(Items, sets, Enumerable.Range(0, sets.Count).ToArray(), rule);
            return result.Match(
                r => r.Value.Items.All(i => i.Distribution.Match(x => x.N >= 4, _ => true))
                     && r.Value.Components.All(c => c.Index.Match(x => x.N >= 4, _ => true)),
                _ => sets.Count < 4);
        });
}
