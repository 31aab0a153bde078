using Belonging.Core.Privacy;
using Belonging.Core.Surveys;

using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// Roster churn (red-team review of 2026-12-02, attacks 1 and 2): a count that stayed the same can hide a change of
/// people, and the exact counts of a question's answers then show what the joiner answered. With both campaigns' rosters
/// at open, the release counts who joined, left or moved in every cell and treats 1..k − 1 of them like a count change.
/// Each attack is also run without the rosters, where it succeeds: that is the defence these tests hold in place.
/// </summary>
public sealed class RosterChurnTests
{
    private static readonly OrgUnitNode[] Teams = [new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org")];

    private static readonly ScoredItem[] Items =
    [
        new(0, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.None, false),
        new(1, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.Belonging, false),
        new(2, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
        new(3, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
    ];

    private static readonly MinimumGroupRule Rule = new(5);

    /// <summary>One campaign: who was invited (everyone answered), in roster order, with their answers.</summary>
    private sealed record Campaign(List<(string Person, string Unit, string? Gender, byte[] Answers)> People)
    {
        public List<RespondentRow> Rows => [.. People.Select(p => Person(p.Unit, p.Gender))];

        public List<RosterRow> Roster => [.. People.Select(p => new RosterRow(p.Person, p.Unit, Person(p.Unit, p.Gender).Attributes))];

        public List<byte[]> Sets => [.. People.Select(p => p.Answers)];

        public Campaign Without(string person) => new([.. People.Where(p => p.Person != person)]);

        public Campaign With(string person, string unit, byte[] answers, string? gender = null) => new([.. People, (person, unit, gender, answers)]);

        public Campaign Moved(string person, string unit) => new([.. People.Select(p => p.Person == person ? p with { Unit = unit } : p)]);

        public Campaign Recoded(string person, string gender) => new([.. People.Select(p => p.Person == person ? p with { Gender = gender } : p)]);
    }

    private static Campaign Organisation(int seed, string? gender = null, params (string Unit, int Size)[] teams)
    {
        var random = new Random(seed);
        var people = new List<(string, string, string?, byte[])>();
        foreach (var (unit, size) in teams)
        {
            for (var i = 0; i < size; i++)
            {
                var g = gender ?? (i % 2 == 0 ? "F" : "M");
                people.Add(($"{unit}-{i}", unit, g, [.. Enumerable.Range(0, Items.Length).Select(_ => (byte)random.Next(1, 6))]));
            }
        }

        return new Campaign(people);
    }

    private static (CampaignRelease First, CampaignRelease Second) Releases(Campaign one, Campaign two, bool rosters, ReleasePolicy? policy = null)
    {
        policy ??= Policy();
        var first = CampaignRelease.Compute(new CampaignReleaseRequest(Teams, one.Rows, rosters ? one.Roster : null), policy).Value
            .WithFigures(GroupScoring.Figures(Items, one.Sets));
        var computed = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, two.Rows, rosters ? two.Roster : null), policy, first);
        Assert.True(computed.IsSuccess, computed.Error?.Message);
        return (first, computed.Value.WithFigures(GroupScoring.Figures(Items, two.Sets)));
    }

    private static int[]? Distribution(CampaignRelease release, Campaign campaign, CellKey cell, int position)
    {
        var members = Enumerable.Range(0, campaign.People.Count)
            .Where(i => cell.Unit == "org" || campaign.People[i].Unit == cell.Unit)
            .Where(i => cell.First is not { } c || campaign.People[i].Gender == c.Value)
            .ToList();
        var scores = GroupScoring.Score(Items, campaign.Sets, members, Rule, f => release.Disclose(cell, f), id => release.FigureReleased(cell, id), release.PrecisionOf(cell));
        return scores.Match<int[]?>(
            r => r.Value.Items.Single(i => i.Position == position).Distribution.Match<int[]?>(d => [.. d.Value.Counts], _ => null),
            _ => null);
    }

    /// <summary>Answers unlike the leaver's on every question (so each question's change shows the joiner's answer).</summary>
    private static byte[] Unlike(Campaign campaign, string leaver) =>
        [.. campaign.People.Single(p => p.Person == leaver).Answers.Select(a => (byte)(a >= 4 ? 1 : 5))];

    /// <summary>
    /// The attack: the change of each question's counts between the releases (unfavourable / neutral / favourable, as
    /// published), read as the joiner's answers; counts how many questions give the joiner's group of answer.
    /// </summary>
    private static int Recovered(CampaignRelease first, Campaign one, CampaignRelease second, Campaign two, CellKey cell, byte[] joiner)
    {
        var recovered = 0;
        for (var j = 0; j < Items.Length; j++)
        {
            if (Distribution(first, one, cell, j) is { } before && Distribution(second, two, cell, j) is { } after)
            {
                var plus = Array.IndexOf([.. after.Zip(before, (a, b) => a - b)], 1);
                recovered += plus >= 0 && plus == AgreementDistribution.Folded([.. Enumerable.Range(1, 5).Select(a => a == joiner[j] ? 1 : 0)]).ToList().IndexOf(1) ? 1 : 0;
            }
        }

        return recovered;
    }

    [Fact]
    public void JoinerReplacesALeaverInTheSameTeam_CountUnchanged_QuestionsWithheldAndScoresCoarser()
    {
        var one = Organisation(11, null, ("t1", 10), ("t2", 20), ("t3", 30));
        byte[] joiner = Unlike(one, "t1-9");
        var two = one.Without("t1-9").With("joiner", "t1", joiner, "M");
        var t1 = CellKey.Total("t1");

        var (first, second) = Releases(one, two, rosters: true);
        var (firstBlind, secondBlind) = Releases(one, two, rosters: false);

        // Without the rosters, the count 10 → 10 looks unchanged: the questions are shown and give the joiner away.
        Assert.Equal(Items.Length, Recovered(firstBlind, one, secondBlind, two, t1, joiner));
        // With them, two people changed in t1: the exact counts are withheld and the index is published at a step that
        // hides two people (n × q ≥ 200: 20 points for a team of 10).
        Assert.True(second.IsReported(t1));
        Assert.All(Enumerable.Range(0, Items.Length), j => Assert.False(second.FigureReleased(t1, GroupScoring.ItemFigure(j))));
        Assert.Equal(0, Recovered(first, one, second, two, t1, joiner));
        Assert.Equal(20.0, second.PrecisionOf(t1));
        Assert.Equal(10.0, secondBlind.PrecisionOf(t1));
        // The other teams did not change: their questions are shown as before.
        Assert.True(second.FigureReleased(CellKey.Total("t2"), GroupScoring.ItemFigure(0)));
        Assert.True(second.FigureReleased(CellKey.Total("t3"), GroupScoring.ItemFigure(0)));
    }

    [Fact]
    public void JoinerAndLeaverInSiblingTeams_ParentCountUnchanged_ParentsQuestionsWithheld()
    {
        // The joiner enters t1 (10 → 11) and a leaver leaves t2 (20 → 19): both teams' exact counts are withheld by their
        // count changes, but the organisation stays at 60, and its exact counts would show joiner minus leaver.
        var one = Organisation(5, null, ("t1", 10), ("t2", 20), ("t3", 30));
        byte[] joiner = Unlike(one, "t2-3");
        var two = one.Without("t2-3").With("joiner", "t1", joiner, "F");
        var org = CellKey.Total("org");

        var (first, second) = Releases(one, two, rosters: true);
        var (firstBlind, secondBlind) = Releases(one, two, rosters: false);

        Assert.True(secondBlind.FigureReleased(org, GroupScoring.ItemFigure(0)));
        Assert.Equal(Items.Length, Recovered(firstBlind, one, secondBlind, two, org, joiner));
        Assert.True(second.IsReported(org));
        Assert.All(Enumerable.Range(0, Items.Length), j => Assert.False(second.FigureReleased(org, GroupScoring.ItemFigure(j))));
        Assert.Equal(0, Recovered(first, one, second, two, org, joiner));
    }

    [Fact]
    public void SomeoneMovedBetweenSiblingTeams_ParentHoldsTheSamePeople_ParentsQuestionsShown()
    {
        var one = Organisation(3, null, ("t1", 10), ("t2", 20), ("t3", 30));
        var two = one.Moved("t2-4", "t1");

        var (_, second) = Releases(one, two, rosters: true);

        Assert.True(second.FigureReleased(CellKey.Total("org"), GroupScoring.ItemFigure(0)));
        Assert.False(second.FigureReleased(CellKey.Total("t1"), GroupScoring.ItemFigure(0)));   // 10 → 11: a count change
    }

    [Fact]
    public void AtLeastKJoinedAndKLeftATeam_CountUnchanged_TreatedAsAFewChanged()
    {
        // Five joiners and five leavers with the count unchanged: how many of them answered is not known, and counts
        // plus one colluder can tell (red-team review 2, attack A), so the cell counts as changed by k − 1 = 4 people.
        var one = Organisation(9, null, ("t1", 10), ("t2", 20), ("t3", 30));
        var two = one;
        for (var i = 0; i < 5; i++)
        {
            two = two.Without($"t3-{i}").With($"joiner-{i}", "t3", [3, 3, 3, 3]);
        }

        var (_, second) = Releases(one, two, rosters: true);

        Assert.True(second.IsReported(CellKey.Total("t3")));
        Assert.False(second.FigureReleased(CellKey.Total("t3"), GroupScoring.ItemFigure(0)));
        Assert.Equal(20.0, second.PrecisionOf(CellKey.Total("t3")));   // 30 × 20 ≥ 100 × 4
        Assert.True(second.FigureReleased(CellKey.Total("t3"), CampaignRelease.QuestionScoreFigure(GroupScoring.ItemFigure(0))));
    }

    [Fact]
    public void TwoPeopleSwappedAGenderValue_CountsUnchanged_BothValueCellsWithholdTheirQuestions()
    {
        // One person's recorded gender changes F → M and another's M → F: every count stays the same, yet the women's and
        // the men's exact counts would each show one person's answers entering and another's leaving.
        var one = Organisation(21, null, ("t1", 10), ("t2", 20), ("t3", 30));
        var two = one.Recoded("t3-0", "M").Recoded("t3-1", "F");
        var policy = Policy(genderDepth: 0);
        var women = new CellKey("org", new AttributeCondition(Gender, "F"));
        var men = new CellKey("org", new AttributeCondition(Gender, "M"));

        var (_, second) = Releases(one, two, rosters: true, policy);
        var (_, secondBlind) = Releases(one, two, rosters: false, policy);

        Assert.True(secondBlind.FigureReleased(women, GroupScoring.ItemFigure(0)));
        Assert.True(second.IsReported(women));
        Assert.False(second.FigureReleased(women, GroupScoring.ItemFigure(0)));
        Assert.False(second.FigureReleased(men, GroupScoring.ItemFigure(0)));
        Assert.True(second.FigureReleased(CellKey.Total("org"), GroupScoring.ItemFigure(0)));   // the same 60 people
    }

    [Fact]
    public void AnalysesOfATeamWhosePeopleChanged_Withheld()
    {
        // Drivers and reliability are published to several decimals and never rely on rounding: a team where a joiner
        // replaced a leaver shows none.
        var one = Organisation(13, null, ("t1", 10), ("t2", 20), ("t3", 30));
        var two = one.Without("t3-2").With("joiner", "t3", [4, 4, 4, 4]);

        var (_, second) = Releases(one, two, rosters: true);
        var (_, secondBlind) = Releases(one, two, rosters: false);

        Assert.IsType<Reported<int>>(secondBlind.DiscloseAnalysis(CellKey.Total("t3"), [GroupScoring.IndexFigure], () => 1));
        Assert.IsType<Suppressed<int>>(second.DiscloseAnalysis(CellKey.Total("t3"), [GroupScoring.IndexFigure], () => 1));
        Assert.IsType<Reported<int>>(second.DiscloseAnalysis(CellKey.Total("t2"), [GroupScoring.IndexFigure], () => 1));
    }

    [Fact]
    public void ReadBackWithItsRoster_LaterReleaseDecidesTheSame()
    {
        var one = Organisation(17, null, ("t1", 10), ("t2", 20), ("t3", 30));
        var two = one.Without("t1-2").With("joiner", "t1", [2, 2, 2, 2]);
        var policy = Policy();
        var first = CampaignRelease.Compute(new CampaignReleaseRequest(Teams, one.Rows, one.Roster), policy).Value.WithFigures(GroupScoring.Figures(Items, one.Sets));
        // Everyone answered every question: where a question is shown, its n is the cell's.
        var counts = GroupScoring.Figures(Items, one.Sets).Keys.ToDictionary(
            f => f,
            f => (IReadOnlyDictionary<CellKey, int>)first.ToStored().Cells.Where(c => first.FigureReleased(c.Cell, f)).ToDictionary(c => c.Cell, c => c.N!.Value),
            StringComparer.Ordinal);
        var restored = CampaignRelease.RestoreReduced(Teams, policy, first.ToStored(), counts, null).Value;

        var withRoster = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, two.Rows, two.Roster), policy, restored.WithRoster(one.Roster)).Value
            .WithFigures(GroupScoring.Figures(Items, two.Sets));
        var withoutRoster = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, two.Rows, two.Roster), policy, restored).Value
            .WithFigures(GroupScoring.Figures(Items, two.Sets));

        Assert.False(withRoster.FigureReleased(CellKey.Total("t1"), GroupScoring.ItemFigure(0)));
        Assert.True(withoutRoster.FigureReleased(CellKey.Total("t1"), GroupScoring.ItemFigure(0)));
    }
}
