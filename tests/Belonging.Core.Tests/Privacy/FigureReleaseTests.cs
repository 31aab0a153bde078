using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// Red team, leak 1 (item-level differencing): a question skipped by some people has its own n in every reported cell.
/// A division's item n and mean minus its reported teams' would give the answers of the one person in a 5-person team
/// who answered it. Each figure is released on its own answerer counts, checked by the exact attacker.
/// </summary>
public sealed class FigureReleaseTests
{
    private static readonly OrgUnitNode[] Tree = [new("org", null), new("d", "org"), new("t1", "d"), new("t2", "d"), new("t3", "d"), new("e", "org"), new("t4", "e")];

    private static readonly List<RespondentRow> People = [.. People(5, "t1"), .. People(10, "t2"), .. People(12, "t3"), .. People(9, "t4")];

    /// <summary>Question q: answered by one person in t1 and by everyone else.</summary>
    private static readonly bool[] AnsweredQ = [.. People.Select((p, i) => p.UnitId != "t1" || i == 0)];

    [Fact]
    public void WithFigures_OnePersonOfATeamAnsweredAQuestion_TheirAnswerCannotBeDifferenced()
    {
        var release = Release(Tree, People, Policy()).WithFigures(new Dictionary<string, bool[]> { ["q"] = AnsweredQ });

        Assert.All(new[] { "t1", "t2", "t3", "d" }, u => Assert.True(release.IsReported(CellKey.Total(u)), $"{u} is reported as a whole"));
        Assert.False(release.FigureReleased(CellKey.Total("t1"), "q"));
        // d's item n minus t2's and t3's is t1's one answerer: not all three may show the question.
        Assert.False(new[] { "d", "t2", "t3" }.All(u => release.FigureReleased(CellKey.Total(u), "q")));
        AssertFigureProtected(release, "q", AnsweredQ);
    }

    [Fact]
    public void WithFigures_NobodySkipped_EveryReportedCellShowsTheFigure()
    {
        var everyone = Enumerable.Repeat(true, People.Count).ToArray();
        var release = Release(Tree, People, Policy()).WithFigures(new Dictionary<string, bool[]> { ["q"] = everyone });

        Assert.All(release.Cells.Where(release.IsReported), c => Assert.True(release.FigureReleased(c, "q")));
        Assert.False(Release(Tree, People, Policy()).FigureReleased(CellKey.Total("org"), "q"));   // not decided: not shown
    }

    [Fact]
    public void WithFigures_OneMorePersonAnsweredAQuestionNextTime_TheChangeCannotBeDifferenced()
    {
        // Same people in both campaigns (no head count moves); in t2 one more person answers q the second time.
        OrgUnitNode[] tree = [new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org")];
        List<RespondentRow> people = [.. People(12, "t1"), .. People(10, "t2"), .. People(14, "t3")];
        bool[] Answered(int inT2) => [.. people.Select((p, i) => p.UnitId != "t2" || i - 12 < inT2)];
        var first = Release(tree, people, Policy()).WithFigures(new Dictionary<string, bool[]> { ["item:q"] = Answered(6) });
        var request = new CampaignReleaseRequest(tree, people);

        var second = CampaignRelease.ComputeFollowing(request, Policy(), first).Value.WithFigures(new Dictionary<string, bool[]> { ["item:q"] = Answered(7) });

        Assert.All(new[] { "org", "t1", "t2", "t3" }, u => Assert.True(second.IsReported(CellKey.Total(u))));
        Assert.True(first.FigureReleased(CellKey.Total("t2"), "item:q") && first.FigureReleased(CellKey.Total("org"), "item:q"));
        foreach (var unit in new[] { "org", "t2" })
        {
            Assert.False(second.FigureReleased(CellKey.Total(unit), "item:q"), $"{unit}: q's n changed by one person and is shown in both surveys");
        }

        // Nor may org − t1 − t3 give it: with t2 hidden, org must not be shown with both other teams unchanged.
        Assert.True(second.FigureReleased(CellKey.Total("t1"), "item:q") && second.FigureReleased(CellKey.Total("t3"), "item:q"));
        var restored = CampaignRelease.Restore(request, Policy(), second.ToStored(), first).Value;
        Assert.All(second.Cells, c => Assert.Equal(second.FigureReleased(c, "item:q"), restored.FigureReleased(c, "item:q")));
    }

    [Fact]
    public void WithFigures_ManyFiguresDecidedSideBySide_SameDecisionsEveryTime()
    {
        var flags = Enumerable.Range(0, 12).ToDictionary(f => $"f{f}", f => People.Select((_, i) => (i * 7 + f) % (f + 2) != 0).ToArray());
        var release = Release(Tree, People, Policy());

        var first = release.WithFigures(flags).ToStored().Figures!;
        var second = release.WithFigures(flags.Reverse().ToDictionary()).ToStored().Figures!;

        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        Assert.All(first, f => Assert.Equal(f.Value, second[f.Key]));
        Assert.Contains(first.Values, v => v.Length > 0);
    }

    [Fact]
    public void Restore_FiguresStored_SameDecisions()
    {
        var release = Release(Tree, People, Policy()).WithFigures(new Dictionary<string, bool[]> { ["q"] = AnsweredQ });

        var restored = CampaignRelease.Restore(new CampaignReleaseRequest(Tree, release.Respondents), Policy(), release.ToStored(), null).Value;

        Assert.All(release.Cells, c => Assert.Equal(release.FigureReleased(c, "q"), restored.FigureReleased(c, "q")));
    }

    [Fact]
    public void GroupScoring_FigureWithheld_ItemShownAsProtected()
    {
        ScoredItem[] items = [new(0, ItemScale.Agreement5, BlueprintComponent.MeaningfulConnection, OutcomeKind.Belonging, false), new(1, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false)];
        var sets = Enumerable.Range(0, 8).Select(i => new byte[] { 4, (byte)(i < 6 ? 5 : 0) }).ToList();
        var figures = GroupScoring.Figures(items, sets);

        var scores = GroupScoring.Score(items, sets, [.. Enumerable.Range(0, 8)], new MinimumGroupRule(5), f => new MinimumGroupRule(5).Apply(8, f), id => id != GroupScoring.ItemFigure(1) && id != GroupScoring.ComponentFigure(BlueprintComponent.PsychologicalSafety));

        var group = Assert.IsType<Reported<GroupScores>>(scores).Value;
        Assert.IsType<Reported<AgreementDistribution>>(group.Items[0].Distribution);
        Assert.Equal(SuppressionReason.Protected, Assert.IsType<Suppressed<AgreementDistribution>>(group.Items[1].Distribution).Reason);
        Assert.Equal(6, figures[GroupScoring.ItemFigure(1)].Count(a => a));
        Assert.Equal(8, figures[GroupScoring.IndexFigure].Count(a => a));
    }

    /// <summary>From the outside: the attacker sees each cell's item n where the figure is shown, and nothing else.</summary>
    private static void AssertFigureProtected(CampaignRelease release, string figure, bool[] answered)
    {
        var rows = release.Respondents.Where((_, i) => answered[i]).ToList();
        var system = CellSystem.Build(new CampaignReleaseRequest(Tree, rows), release.Policy).Value;
        var unknown = Enumerable.Range(0, system.VariableCount).Select(v => !system.IsCell(v) || !release.FigureReleased(system.Keys[v], figure)).ToArray();
        var k = release.Policy.K;
        var small = Enumerable.Range(0, system.VariableCount).Where(v => unknown[v] && system.Truth[v] is >= 1 and var n && n < k).ToList();
        Assert.NotEmpty(small);
        foreach (var (v, b) in new AttackEngine(system).Attack(unknown, small))
        {
            Assert.True(b.Max is null || b.Max - b.Min >= k, $"variable {v} (true n = {system.Truth[v]}) narrowed to [{b.Min}, {b.Max}]");
        }
    }
}
