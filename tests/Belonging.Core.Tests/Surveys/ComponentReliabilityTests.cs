using Belonging.Core.Statistics;
using Belonging.Core.Surveys;

namespace Belonging.Core.Tests.Surveys;

public sealed class ComponentReliabilityTests
{
    [Fact]
    public void Analyse_KeysReverseItems_AndMatchesReliabilityOnTheSameRows()
    {
        ScoredItem[] items =
        [
            new(0, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
            new(1, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, true),
            new(2, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
            new(3, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.None, false),
        ];
        var random = new Random(3);
        var sets = Enumerable.Range(0, 60).Select(_ =>
        {
            var trait = random.Next(1, 6);
            byte Near() => (byte)Math.Clamp(trait + random.Next(-1, 2), 1, 5);
            return new[] { Near(), (byte)(6 - Near()), random.NextDouble() < 0.1 ? (byte)0 : Near(), Near() };
        }).ToList();

        var rows = ComponentReliability.Analyse(items, sets, Enumerable.Range(0, sets.Count).ToArray(), i => "Q" + i.Position);

        var safety = rows.Single(r => r.Component == BlueprintComponent.PsychologicalSafety);
        var expected = Reliability.Analyse(
            sets.Select(s => new[] { (double)s[0], 6.0 - s[1], s[2] == 0 ? double.NaN : s[2] }).ToArray(), ["Q0", "Q1", "Q2"], MissingDataRule.Pairwise);
        Assert.Equal(expected.RawAlpha, safety.Result!.RawAlpha, 12);
        Assert.True(safety.Result.RawAlpha > 0.7, "reverse keying applied: the three items agree");
        Assert.Null(rows.Single(r => r.Component == BlueprintComponent.LeadershipVision).Result);
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public void Analyse_ItemNobodyAnswered_NoEstimateForThatComponentInsteadOfACrash()
    {
        // Found by the browser journey: a small group where every respondent chose "don't know" on one item.
        ScoredItem[] items =
        [
            new(0, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
            new(1, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
            new(2, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
        ];
        byte[][] sets = [[4, 0, 5], [3, 0, 4], [5, 0, 5], [2, 0, 3], [4, 0, 4]];

        var rows = ComponentReliability.Analyse(items, sets, [0, 1, 2, 3, 4], i => "Q" + i.Position);

        Assert.Null(rows.Single(r => r.Component == BlueprintComponent.PsychologicalSafety).Result);
        Assert.False(Reliability.CanAnalyse([[4, double.NaN], [3, double.NaN]], MissingDataRule.Pairwise));
        Assert.Throws<ArgumentException>(() => Reliability.Analyse([[4, double.NaN, 1], [3, double.NaN, 2]], ["a", "b", "c"], MissingDataRule.Pairwise));
    }
}
