using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using static Belonging.Core.Tests.Privacy.ReleaseFixtures;
using static Belonging.Core.Tests.Privacy.CampaignReleaseScenarioTests;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// The cross-release rule's value window: a cell whose count changed by 1..k − 1 stays reported only when the published
/// rounding hides the changed people's mean (n × precision ≥ scale × change) and, for a breakdown, when the breakdown's
/// change involves at least k people. Issue 9 measured the old rule hiding ~1,100 men at organisation level because
/// their count moved by fewer than k people; these tests pin both the usefulness and the limit.
/// </summary>
public sealed class ValueWindowTests
{
    private static readonly OrgUnitNode[] Teams = [new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org")];

    [Theory]
    [InlineData(151, 1, 1.0)]
    [InlineData(100, 1, 1.0)]     // exactly at the window: 100 respondents × 1 point = the 100-point scale
    [InlineData(99, 1, 2.0)]      // one fewer: whole points no longer hide the joiner, 2-point steps do
    [InlineData(151, 2, 2.0)]     // two people need 200 respondents at whole points
    [InlineData(200, 2, 1.0)]
    [InlineData(60, -1, 2.0)]     // a leaver: the same window, on this release's count
    [InlineData(400, -4, 1.0)]
    [InlineData(10, 1, 10.0)]     // a team of 10 that gained one person: shown to the nearest 10 points
    [InlineData(6, 1, 20.0)]
    [InlineData(8, 2, 25.0)]
    [InlineData(16, 4, 25.0)]
    [InlineData(7, 2, null)]      // 7 × 25 = 175 < 200: even the coarsest step leaves two people's mean narrower than the scale
    [InlineData(15, -4, null)]
    public void ComputeFollowing_TeamChangedByAFewPeople_ReportedAtTheFinestPrecisionThatHidesThem(int after, int change, double? precision)
    {
        var first = Release(Teams, [.. People(after - change, "t1"), .. People(20, "t2"), .. People(30, "t3")], Policy());

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(Teams, [.. People(after, "t1"), .. People(20, "t2"), .. People(30, "t3")]), Policy(), first).Value;

        Assert.Equal(precision is not null, N(second, CellKey.Total("t1")) is not null);
        Assert.Equal(precision is not null, second.DiscloseChange(first, CellKey.Total("t1"), () => 0.0).IsReported);
        if (precision is { } q)
        {
            Assert.Equal(q, second.PrecisionOf(CellKey.Total("t1")));
        }

        Assert.Equal(5.0, second.PrecisionOf(CellKey.Total("t3")));   // unchanged, 30 respondents: 5-point steps in every release
        Assert.Equal(ValueWindow.ForSize(after - change), first.PrecisionOf(CellKey.Total("t1")));   // a first release: its size only
        Assert.True(N(second, CellKey.Total("t2")) is not null || N(second, CellKey.Total("t3")) is not null);
        AssertNoSmallChangeIsRecoverable(first, second);
        AssertProtected(second);
    }

    [Theory]
    [InlineData(1_100, 1.0)]
    [InlineData(100, 1.0)]
    [InlineData(99, 2.0)]
    [InlineData(50, 2.0)]
    [InlineData(49, 5.0)]
    [InlineData(20, 5.0)]
    [InlineData(19, 10.0)]
    [InlineData(10, 10.0)]
    [InlineData(9, 20.0)]
    [InlineData(5, 20.0)]
    [InlineData(4, 25.0)]
    [InlineData(3, 25.0)]    // k = 3 is allowed: the coarsest step
    public void ForSize_EveryCellAtTheFinestStepWhoseRoundingSpansTheScaleForOnePerson(int respondents, double precision)
    {
        Assert.Equal(precision, ValueWindow.ForSize(respondents));
        Assert.Equal(respondents >= 4, ValueWindow.Covers(respondents, 1, precision));
    }

    [Fact]
    public void Compute_FirstRelease_SmallCellsPublishedAtTheirSizesPrecision()
    {
        var release = Release(Teams, [.. People(150, "t1"), .. People(12, "t2"), .. People(6, "t3")], Policy());

        Assert.Equal(1.0, release.PrecisionOf(CellKey.Total("org")));
        Assert.Equal(1.0, release.PrecisionOf(CellKey.Total("t1")));
        Assert.Equal(10.0, release.PrecisionOf(CellKey.Total("t2")));
        Assert.Equal(20.0, release.PrecisionOf(CellKey.Total("t3")));
    }

    [Fact]
    public void ToStored_CoarsePrecisions_ReadBackAsPublished()
    {
        var first = Release(Teams, [.. People(150, "t1"), .. People(9, "t2"), .. People(30, "t3")], Policy());
        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(Teams, [.. People(150, "t1"), .. People(11, "t2"), .. People(30, "t3")]), Policy(), first).Value;
        Assert.Equal(20.0, second.PrecisionOf(CellKey.Total("t2")));   // 11 respondents, 2 changed: 11 × 20 ≥ 200
        var stored = second.ToStored();

        var restored = CampaignRelease.Restore(new CampaignReleaseRequest(Teams, second.Respondents), Policy(), stored, first).Value;
        var reduced = CampaignRelease.RestoreReduced(Teams, Policy(), stored, new Dictionary<string, IReadOnlyDictionary<CellKey, int>>(), first).Value;

        Assert.All(second.Cells, c => Assert.Equal(second.PrecisionOf(c), restored.PrecisionOf(c)));
        Assert.All(second.Cells.Where(second.IsReported), c => Assert.Equal(second.PrecisionOf(c), reduced.PrecisionOf(c)));
        Assert.Null(stored.Cells.Single(c => c.Cell == CellKey.Total("t1")).Precision);   // whole points are not written
    }

    [Fact]
    public void ComputeFollowing_OnlyMenChangedByOne_MenHiddenBecauseTheChangeWouldTellTheJoinersGender()
    {
        // 150 men become 151, women unchanged: the organisation's gender breakdown changed by one person in all, so
        // showing men 150 → 151 tells everyone who knows who joined that the joiner is a man.
        OrgUnitNode[] org = [new("org", null), new("t1", "org")];
        var first = Release(org, [.. People(150, "t1", "M"), .. People(150, "t1", "F")], Policy(genderDepth: 0));

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(org, [.. People(151, "t1", "M"), .. People(150, "t1", "F")]), Policy(genderDepth: 0), first).Value;

        Assert.Null(N(second, CellKey.Breakdown("org", Gender, "M")));
        Assert.NotNull(N(second, CellKey.Total("org")));   // 301 respondents: one more answered, and the rounding hides their answers
        AssertNoSmallChangeIsRecoverable(first, second);
        AssertProtected(second);
    }

    [Fact]
    public void ComputeFollowing_MenAndWomenBothMoved_TheOrganisationsGenderBreakdownStaysReported()
    {
        // Men 400 → 403, women 300 → 302: five people changed in all, so the breakdown says nothing about any one of them,
        // and each group is large enough for its rounding to hide its change.
        OrgUnitNode[] org = [new("org", null), new("t1", "org")];
        var first = Release(org, [.. People(400, "t1", "M"), .. People(300, "t1", "F")], Policy(genderDepth: 0));

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(org, [.. People(403, "t1", "M"), .. People(302, "t1", "F")]), Policy(genderDepth: 0), first).Value;

        Assert.Equal(403, N(second, CellKey.Breakdown("org", Gender, "M")));
        Assert.Equal(302, N(second, CellKey.Breakdown("org", Gender, "F")));
        Assert.Equal(0, second.Audit.CrossReleaseSuppressed);
        AssertNoSmallChangeIsRecoverable(first, second);
    }

    [Fact]
    public void ComputeFollowing_SmallTeamGainedOneInsideALargeDivision_TheDivisionStaysReported()
    {
        // d = a + b + c; a (5 → 7) is too small for its rounding to hide the two joiners and is withheld. d (197 → 199) is
        // large enough (at 2-point steps). The row d = a + b + c pins a's change to one person, but the joiner's answers can only be
        // reached through d's figures, whose rounding hides them: the row must not withhold d and every sibling.
        OrgUnitNode[] tree = [new("org", null), new("d", "org"), new("a", "d"), new("b", "d"), new("c", "d")];
        var first = Release(tree, [.. People(5, "a"), .. People(100, "b"), .. People(92, "c")], Policy());

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(tree, [.. People(7, "a"), .. People(100, "b"), .. People(92, "c")]), Policy(), first).Value;

        Assert.Null(N(second, CellKey.Total("a")));   // 7 × 25 < 200: not even the coarsest step hides two people
        Assert.Equal(199, N(second, CellKey.Total("d")));
        Assert.True(N(second, CellKey.Total("b")) is not null || N(second, CellKey.Total("c")) is not null, "one of a's siblings protects a; the other stays");
        AssertNoSmallChangeIsRecoverable(first, second);
        AssertProtected(second);
    }

    [Fact]
    public void ComputeFollowing_TeamKeptAtCoarseStepsButItsRowIsFiner_TheParentIsCoarsenedToo()
    {
        // d = a + b + c. a: 12 → 16 (four joiners), kept at 25-point steps (16 × 25 = 400). c grew by 5 and d by 9, so
        // neither is a small change, and at their sizes' steps d (50 × 2), b (8 × 20) and c (26 × 5) hide only 390
        // points: d − b − c would give the four joiners' mean in a window of 97 points, finer than a's own. The release
        // publishes d one step coarser (5 points: 540).
        OrgUnitNode[] tree = [new("org", null), new("d", "org"), new("a", "d"), new("b", "d"), new("c", "d")];
        var first = Release(tree, [.. People(12, "a"), .. People(8, "b"), .. People(21, "c")], Policy());

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(tree, [.. People(16, "a"), .. People(8, "b"), .. People(26, "c")]), Policy(), first).Value;

        Assert.Equal(16, N(second, CellKey.Total("a")));
        Assert.Equal(25.0, second.PrecisionOf(CellKey.Total("a")));
        Assert.Equal(5.0, second.PrecisionOf(CellKey.Total("d")));
        Assert.Equal(5.0, second.PrecisionOf(CellKey.Total("org")));   // org holds the same 50 people as d: org − b − c is the same route
        var others = new[] { "d", "b", "c" }.Sum(u => N(second, CellKey.Total(u))!.Value * second.PrecisionOf(CellKey.Total(u)));
        Assert.True(others >= 400, $"d − b − c hides only {others} points of four people's sum");
        AssertNoSmallChangeIsRecoverable(first, second);
        AssertProtected(second);
    }

    [Fact]
    public void ComputeFollowing_TeamRebuiltThroughTwoRows_ThatRouteHidesAsMuchToo()
    {
        // Red team, attack 6: V = D + D2, D = T + S. T 12 → 16 (four joiners, 25-point steps); S and D2 move by 1 and 0,
        // D and V by 5. D − S hides 430 points, but V − D2 − S (two rows) hid only 376 < 400 before two-row routes
        // were checked.
        OrgUnitNode[] units = [new("org", null), new("V", "org"), new("W", "org"), new("D", "V"), new("D2", "V"), new("T", "D"), new("S", "D")];
        var first = Release(units, [.. People(12, "T"), .. People(34, "S"), .. People(50, "D2"), .. People(200, "W")], Policy());

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(units, [.. People(16, "T"), .. People(35, "S"), .. People(50, "D2"), .. People(200, "W")]), Policy(), first).Value;

        double Nq(string u) => N(second, CellKey.Total(u)) is { } n ? n * second.PrecisionOf(CellKey.Total(u)) : double.PositiveInfinity;
        Assert.True(second.IsReported(CellKey.Total("T")));
        Assert.True(Nq("D") + Nq("S") >= 400, $"D − S hides {Nq("D") + Nq("S")}");
        Assert.True(Nq("V") + Nq("D2") + Nq("S") >= 400, $"V − D2 − S hides {Nq("V") + Nq("D2") + Nq("S")}");
        AssertNoSmallChangeIsRecoverable(first, second);
        AssertProtected(second);
    }

    [Fact]
    public void ComputeFollowing_TwoSmallGroupsGrewByAtLeastK_ThePeopleBetweenThemStayHidden()
    {
        // d grew by 9 and b by 5 (each a group of at least k, shown), so a + c grew by four people (a, 9 × 25 < 400, is
        // hidden). d (29, at 5-point steps) and b (17, at 10-point steps) hide only 145 + 170 = 315 points of those four
        // people's sum, under 400: the row may not stay fully published.
        OrgUnitNode[] tree = [new("org", null), new("d", "org"), new("a", "d"), new("b", "d"), new("c", "d"), new("e", "org")];
        var first = Release(tree, [.. People(5, "a"), .. People(12, "b"), .. People(3, "c"), .. People(40, "e")], Policy());

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(tree, [.. People(9, "a"), .. People(17, "b"), .. People(3, "c"), .. People(40, "e")]), Policy(), first).Value;

        Assert.False(N(second, CellKey.Total("d")) is not null && N(second, CellKey.Total("b")) is not null, "d − b shows a + c grew by one");
        AssertNoSmallChangeIsRecoverable(first, second);
        AssertProtected(second);
    }

    [Fact]
    public void WithFigures_LargeTeamGainedOne_IndexShownButTheQuestionsExactCountsHidden()
    {
        // A question's distribution is published as exact counts, so its change would show the joiner's answer exactly:
        // rounding cannot help there. The index is a rounded mean and stays.
        List<RespondentRow> before = [.. People(150, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        List<RespondentRow> after = [.. People(151, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        Dictionary<string, bool[]> Everyone(int n) => new() { [GroupScoring.IndexFigure] = Enumerable.Repeat(true, n).ToArray(), ["item:Q1"] = Enumerable.Repeat(true, n).ToArray() };
        var first = Release(Teams, before, Policy()).WithFigures(Everyone(before.Count));

        var second = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, after), Policy(), first).Value.WithFigures(Everyone(after.Count));

        Assert.True(second.FigureReleased(CellKey.Total("t1"), GroupScoring.IndexFigure));
        Assert.False(second.FigureReleased(CellKey.Total("t1"), "item:Q1"));
        Assert.True(second.FigureReleased(CellKey.Total("t2"), "item:Q1"));
    }

    [Fact]
    public void WithFigures_TeamOf20GainedOne_QuestionScoresShownAtTheTeamsStepTheirCountsHidden()
    {
        // A question's counts are exact and go where the team changed by one; its score is a rounded mean and stays at
        // the team's step (5 points for 21 people) — unless the question's own answerers need a coarser step (Q2 was
        // answered by only 10 of t1: 10 points), which would make the team coarser, so that score is withheld instead.
        List<RespondentRow> before = [.. People(20, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        List<RespondentRow> after = [.. People(21, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        Dictionary<string, bool[]> Figures(List<RespondentRow> people) => new()
        {
            [GroupScoring.IndexFigure] = [.. people.Select(_ => true)],
            ["item:Q1"] = [.. people.Select(_ => true)],
            ["item:Q2"] = [.. people.Select((p, i) => p.UnitId != "t1" || i < 10)],
        };
        var first = Release(Teams, before, Policy()).WithFigures(Figures(before));

        var second = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, after), Policy(), first).Value.WithFigures(Figures(after));

        var t1 = CellKey.Total("t1");
        Assert.Equal(5.0, second.PrecisionOf(t1));
        Assert.False(second.FigureReleased(t1, "item:Q1"));
        Assert.True(second.FigureReleased(t1, CampaignRelease.QuestionScoreFigure("item:Q1")));
        Assert.False(second.FigureReleased(t1, CampaignRelease.QuestionScoreFigure("item:Q2")));
        Assert.True(first.FigureReleased(t1, "item:Q2"));   // its three groups, in the first survey
        Assert.False(first.FigureReleased(t1, CampaignRelease.QuestionScoreFigure("item:Q2")));   // not its score at the team's 5 points
        Assert.True(second.FigureReleased(CellKey.Total("t2"), "item:Q1"));
    }

    [Fact]
    public void WithFigures_OneMoreAnsweredTheOutcomeInATeamOf30_OutcomeShownAndTheTeamsFiguresAtTenPoints()
    {
        // Same 30 people in t1; the belonging outcome was answered by 10 of them, then by 11. t1's own 5-point steps
        // would leave that person's answer in a window of 55 points; the outcome's own 10-point steps leave 110.
        List<RespondentRow> people = [.. People(30, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        Dictionary<string, bool[]> Outcome(int answered) => new() { [GroupScoring.BelongingFigure] = [.. people.Select((p, i) => p.UnitId != "t1" || i < answered)] };
        var first = Release(Teams, people, Policy()).WithFigures(Outcome(10));

        var second = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, people), Policy(), first).Value.WithFigures(Outcome(11));

        Assert.Equal(10.0, first.PrecisionOf(CellKey.Total("t1")));   // the outcome is a group of 10: its step from the first release on
        Assert.True(second.FigureReleased(CellKey.Total("t1"), GroupScoring.BelongingFigure));
        Assert.Equal(10.0, second.PrecisionOf(CellKey.Total("t1")));
        Assert.Equal(5.0, second.PrecisionOf(CellKey.Total("t3")));
    }

    [Fact]
    public void WithFigures_TeamKeptAtCoarseSteps_QuestionsExactCountsWithheldEvenWhereTheirAnswerersDidNotChange()
    {
        // Red team, attack 3: J joins t1 (10 → 11, kept at 10-point steps); a colluding member stays but skips every
        // question, so each question's answerer count is unchanged and its exact distribution would show J's answer.
        List<RespondentRow> before = [.. People(10, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        List<RespondentRow> after = [.. People(11, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        bool[] Everyone(int n) => Enumerable.Repeat(true, n).ToArray();
        var skipper = Everyone(after.Count);
        skipper[9] = false;   // the colluder in t1
        var first = Release(Teams, before, Policy()).WithFigures(new Dictionary<string, bool[]> { ["item:0"] = Everyone(before.Count), [GroupScoring.IndexFigure] = Everyone(before.Count) });

        var second = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, after), Policy(), first).Value
            .WithFigures(new Dictionary<string, bool[]> { ["item:0"] = skipper, [GroupScoring.IndexFigure] = Everyone(after.Count) });

        Assert.True(second.IsReported(CellKey.Total("t1")));
        Assert.True(second.FigureReleased(CellKey.Total("t1"), GroupScoring.IndexFigure));
        Assert.False(second.FigureReleased(CellKey.Total("t1"), "item:0"));
        Assert.True(second.FigureReleased(CellKey.Total("t3"), "item:0"));
    }

    [Fact]
    public void WithFigures_FigureAnsweredByFewInALargeCell_CellPublishedAtTheFiguresSizeStepInTheFirstRelease()
    {
        // Red team, attack 5: 100 in t1, but only 5 answered the outcome: that figure is a group of 5 (20-point steps).
        List<RespondentRow> people = [.. People(100, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        var answered = people.Select((p, i) => p.UnitId != "t1" || i < 5).ToArray();

        var release = Release(Teams, people, Policy()).WithFigures(new Dictionary<string, bool[]> { [GroupScoring.BelongingFigure] = answered });

        Assert.True(release.FigureReleased(CellKey.Total("t1"), GroupScoring.BelongingFigure));
        Assert.Equal(20.0, release.PrecisionOf(CellKey.Total("t1")));
        Assert.Equal(5.0, release.PrecisionOf(CellKey.Total("t2")));   // everyone there answered: its own size
    }

    [Theory]
    [InlineData(150, true)]    // nobody changed: drivers shown
    [InlineData(151, false)]   // one joiner: the team stays (rounded scores) but drivers, with several decimals, do not
    [InlineData(160, true)]    // ten joiners: a group of at least k
    public void DiscloseAnalysis_CellKeptByTheValueWindow_AnalysesWithMoreDecimalsWithheld(int after, bool shown)
    {
        var first = Release(Teams, [.. People(150, "t1"), .. People(20, "t2"), .. People(30, "t3")], Policy());
        var everyone = new Dictionary<string, bool[]> { ["belonging"] = Enumerable.Repeat(true, after + 50).ToArray() };

        var second = CampaignRelease.ComputeFollowing(
            new CampaignReleaseRequest(Teams, [.. People(after, "t1"), .. People(20, "t2"), .. People(30, "t3")]), Policy(), first).Value.WithFigures(everyone);

        Assert.True(second.IsReported(CellKey.Total("t1")));
        Assert.Equal(shown, second.DiscloseAnalysis(CellKey.Total("t1"), ["belonging"], () => 0.5).IsReported);
    }

    [Fact]
    public void DiscloseAnalysis_FigureWithheldInTheCell_AnalysisWithheld()
    {
        // Only 3 of t2's 20 answered the outcome: the figure is withheld in t2 (and wherever it would give t2 away).
        var release = Release(Teams, [.. People(150, "t1"), .. People(20, "t2"), .. People(30, "t3")], Policy())
            .WithFigures(new Dictionary<string, bool[]> { ["belonging"] = [.. Enumerable.Range(0, 200).Select(i => i is < 150 or >= 170 || i < 153)] });

        Assert.False(release.FigureReleased(CellKey.Total("t2"), "belonging"));
        Assert.All(release.Cells, c => Assert.Equal(release.IsReported(c) && release.FigureReleased(c, "belonging"), release.DiscloseAnalysis(c, ["belonging"], () => 0.5).IsReported));
        Assert.Contains(release.Cells, c => release.DiscloseAnalysis(c, ["belonging"], () => 0.5).IsReported);
    }

    [Fact]
    public void Published_OneJoinerInAGroupOf150_TheTwoReleasesLeaveAWindowWiderThanTheScale()
    {
        // The value attacker: everyone else answered exactly as before, so the joiner's index = 151 × m2 − 150 × m1.
        // With exact figures that pins it; with the published (rounded) figures the window is ≥ 100 points.
        ScoredItem[] items = [new(0, ItemScale.Agreement5, BlueprintComponent.MeaningfulConnection, OutcomeKind.Belonging, false)];
        var random = new Random(20261201);
        var stable = Enumerable.Range(0, 150).Select(_ => new byte[] { (byte)random.Next(1, 6) }).ToList();
        var withJoiner = stable.Append([5]).ToList();
        var rule = new MinimumGroupRule(5);
        double Index(List<byte[]> sets) => ((Reported<Estimate>)((Reported<GroupScores>)GroupScoring.Score(
            items, sets, [.. Enumerable.Range(0, sets.Count)], rule, f => rule.Apply(sets.Count, f), _ => true)).Value.Index).Value.Value;
        double Exact(List<byte[]> sets) => ((Reported<Estimate>)((Reported<GroupScores>)GroupScoring.Score(
            items, sets, [.. Enumerable.Range(0, sets.Count)], rule)).Value.Index).Value.Value;

        var (m1, m2) = (Index(stable), Index(withJoiner));
        var half = ValueWindow.Precision / 2;
        var lowest = (151 * (m2 - half)) - (150 * (m1 + half));
        var highest = (151 * (m2 + half)) - (150 * (m1 - half));

        Assert.Equal(Math.Round(m1), m1);
        Assert.Equal(Math.Round(m2), m2);
        Assert.True(highest - lowest >= ValueWindow.Scale, $"window [{lowest}, {highest}]");
        Assert.InRange(100, lowest, highest);
        Assert.Equal(100, (151 * Exact(withJoiner)) - (150 * Exact(stable)), 6);   // what exact figures would give away
    }
}
