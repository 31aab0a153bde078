using Belonging.Core.Privacy;
using Belonging.Core.Surveys;

using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// Red-team review of 2026-12-02, attack 3: a joiner's index is protected across two surveys by the rounding of both
/// releases' means; if the earlier release also shows figures from which its sum is exact (each question's five answer
/// counts, or each question's exact mean), only the later rounding is left, and a joiner who strongly agreed with
/// everything was narrowed to the top quarter of the scale in about one case in four. Questions are now published as
/// unfavourable / neutral / favourable with a rounded score, and % favourable (a sum of those counts) is withheld with
/// the questions. This test runs the attacker on everything each release publishes and measures the residue.
/// </summary>
public sealed class EarlierSumAttackTests
{
    private static readonly OrgUnitNode[] Teams = [new("org", null), new("t1", "org"), new("t2", "org"), new("t3", "org")];

    private static readonly ScoredItem[] Items =
    [
        new(0, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.None, false),
        new(1, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.None, false),
        new(2, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
        new(3, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
    ];

    private static readonly BlueprintComponent[] Components = [BlueprintComponent.LeadershipVision, BlueprintComponent.PsychologicalSafety];

    private static readonly MinimumGroupRule Rule = new(5);

    private static GroupScores Scores(CampaignRelease release, List<byte[]> sets, int teamSize)
    {
        var cell = CellKey.Total("t1");
        var scored = GroupScoring.Score(Items, sets, [.. Enumerable.Range(0, teamSize)], Rule, f => release.Disclose(cell, f), id => release.FigureReleased(cell, id), release.PrecisionOf(cell));
        return Assert.IsType<Reported<GroupScores>>(scored).Value;
    }

    private static double Value(Disclosure<Estimate> d) => Assert.IsType<Reported<Estimate>>(d).Value.Value;

    /// <summary>An interval, intersected as the attacker learns more.</summary>
    private readonly record struct Range(double Lo, double Hi)
    {
        public static Range Window(int n, double published, double q) => new(n * (published - (q / 2)), n * (published + (q / 2)));

        public Range And(Range other) => new(Math.Max(Lo, other.Lo), Math.Min(Hi, other.Hi));
    }

    /// <summary>The attacker's bounds on the team's index sum from one release: the index, each component and, where shown, each question.</summary>
    private static Range IndexSum(GroupScores s, int n, double q)
    {
        var components = new Dictionary<BlueprintComponent, Range>();
        foreach (var c in Components)
        {
            var window = Range.Window(n, Value(s.Components.Single(x => x.Component == c).Index), q);
            var items = Items.Where(i => i.Component == c).ToList();
            if (items.All(i => s.Items.Single(x => x.Position == i.Position).Distribution is Reported<AgreementDistribution>))
            {
                double lo = 0, hi = 0;
                foreach (var item in items)
                {
                    var d = ((Reported<AgreementDistribution>)s.Items.Single(x => x.Position == item.Position).Distribution).Value;
                    // Each answer group leaves each person's item score within it: unfavourable 0 or 25, neutral 50, favourable 75 or 100.
                    var counts = d.Counts;
                    var fromCounts = new Range((25.0 * counts[1]) + (50.0 * counts[2]) + (75.0 * counts[3]) + (100.0 * counts[4]),
                        (25.0 * (counts[0] + counts[1])) + (50.0 * counts[2]) + (100.0 * (counts[3] + counts[4])));
                    // Five exact counts (as published before) give the exact sum.
                    var exactSum = 25.0 * counts.Select((c, a) => c * a).Sum();
                    var itemRange = d.PublishedScore is null ? new Range(exactSum, exactSum) : fromCounts.And(Range.Window(n, d.Score, q));
                    lo += itemRange.Lo / items.Count;
                    hi += itemRange.Hi / items.Count;
                }

                window = window.And(new Range(lo, hi));
            }

            components[c] = window;
        }

        var weights = Components.ToDictionary(c => c, c => (double)Items.Count(i => i.Component == c) / Items.Length);
        return Range.Window(n, Value(s.Index), q).And(new Range(Components.Sum(c => weights[c] * components[c].Lo), Components.Sum(c => weights[c] * components[c].Hi)));
    }

    [Fact]
    public void JoinerAtTheTopOfTheScale_EarlierReleaseAsPublished_RarelyNarrowedBelowAQuarter()
    {
        // Team t1 of 10 in survey 1; in survey 2 the same ten answer exactly as before and a joiner answers 5 throughout.
        var random = new Random(3);
        List<RespondentRow> rows1 = [.. People(10, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        List<RespondentRow> rows2 = [.. People(11, "t1"), .. People(20, "t2"), .. People(30, "t3")];
        byte[] joiner = [5, 5, 5, 5];
        List<byte[]> Random(int count) => [.. Enumerable.Range(0, count).Select(_ => Items.Select(_ => (byte)random.Next(1, 6)).ToArray())];
        var others = Random(50);
        var first = Release(Teams, rows1, Policy()).WithFigures(GroupScoring.Figures(Items, [.. Random(10), .. others]));
        var second = CampaignRelease.ComputeFollowing(new CampaignReleaseRequest(Teams, rows2), Policy(), first).Value
            .WithFigures(GroupScoring.Figures(Items, [.. Random(10), joiner, .. others]));
        var cell = CellKey.Total("t1");
        var (q1, q2) = (first.PrecisionOf(cell), second.PrecisionOf(cell));
        Assert.Equal((10.0, 10.0), (q1, q2));
        Assert.All(Items, i => Assert.False(second.FigureReleased(cell, GroupScoring.ItemFigure(i.Position))));

        int narrowed = 0, narrowedIfExact = 0;
        const int Trials = 2000;
        for (var t = 0; t < Trials; t++)
        {
            var team = Random(10);
            var s1 = Scores(first, [.. team, .. others], 10);
            var s2 = Scores(second, [.. team, joiner, .. others], 11);
            Assert.IsType<Suppressed<Estimate>>(s2.Favourable);   // a sum of the questions' counts: withheld with them

            var earlier = IndexSum(s1, 10, q1);
            var later = IndexSum(s2, 11, q2);
            var exact = team.Sum(set => set.Average(a => 25.0 * (a - 1)));
            Assert.InRange(exact, earlier.Lo - 1e-9, earlier.Hi + 1e-9);
            Assert.InRange(exact + 100, later.Lo - 1e-9, later.Hi + 1e-9);
            var joinerRange = new Range(later.Lo - earlier.Hi, later.Hi - earlier.Lo).And(new Range(0, 100));
            var ifExact = new Range(later.Lo - exact, later.Hi - exact).And(new Range(0, 100));
            narrowed += joinerRange.Hi - joinerRange.Lo < 25 ? 1 : 0;
            narrowedIfExact += ifExact.Hi - ifExact.Lo < 25 ? 1 : 0;
        }

        var share = (double)narrowed / Trials;
        var shareIfExact = (double)narrowedIfExact / Trials;
        TestContext.Current.TestOutputHelper?.WriteLine($"joiner at 100 narrowed below 25 points: {share:P1} as published, {shareIfExact:P1} had the earlier sum been exact");
        Assert.True(shareIfExact > 0.15, $"the exact-sum attack should narrow often ({shareIfExact:P1})");
        Assert.True(share < 0.05, $"narrowed in {share:P1} of draws");
    }
}
