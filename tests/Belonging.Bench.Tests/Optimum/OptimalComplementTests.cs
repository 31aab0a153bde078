using Belonging.Bench.Optimum;
using Belonging.Core.Privacy;

namespace Belonging.Bench.Tests.Optimum;

public sealed class OptimalComplementTests
{
    private const int K = 5;

    [Fact]
    public void Solve_ParentWithChildren9And10And2_WithholdsOneCellAndTheNineForFewestRespondents()
    {
        var problem = SuppressionProblem.FromRelease(Release(("t1", 9), ("t2", 10), ("t3", 2)));

        var cells = OptimalComplement.Solve(problem, OptimumObjective.Cells, 60, workers: 1);
        var respondents = OptimalComplement.Solve(problem, OptimumObjective.Respondents, 60, workers: 1);

        Assert.True(cells.Proven);
        Assert.Equal(1, cells.Value);
        Assert.True(problem.IsProtected(cells.Withheld));
        Assert.True(respondents.Proven);
        Assert.Equal(9, respondents.Value);
        Assert.Equal([CellKey.Total("t1")], respondents.Withheld);
        Assert.True(problem.IsProtected(respondents.Withheld));
        Assert.False(problem.IsProtected([]));   // without a complement, org − t1 − t2 gives t3 = 2
        Assert.Equal(1, problem.HeuristicCells);
    }

    [Fact]
    public void Solve_TwoSiblingSmallsSummingBelowK_WithholdsTheirLargeSibling()
    {
        var problem = SuppressionProblem.FromRelease(Release(("t1", 12), ("t2", 3), ("t3", 1)));

        var result = OptimalComplement.Solve(problem, OptimumObjective.Respondents, 60, workers: 1);

        Assert.True(result.Proven);
        Assert.Equal(12, result.Value);   // t1 (12) rather than the organisation total (16)
        Assert.Equal([CellKey.Total("t1")], result.Withheld);
        Assert.True(problem.IsProtected(result.Withheld));
        Assert.False(problem.IsProtected([]));   // t2 + t3 = 4 is published through the total
    }

    [Fact]
    public void Solve_TwoSiblingSmallsSummingToK_WithholdsNothingMore()
    {
        var problem = SuppressionProblem.FromRelease(Release(("t1", 12), ("t2", 3), ("t3", 2)));

        var result = OptimalComplement.Solve(problem, OptimumObjective.Cells, 60, workers: 1);

        Assert.True(result.Proven);
        Assert.Equal(0, result.Value);   // t2 + t3 = 5: each lies in [0, 5], k wide
        Assert.True(problem.IsProtected([]));
    }

    /// <summary>
    /// Small random organisations (a root with 0–2 people attached directly, four teams of 0–14, one attribute of three
    /// values broken down at the root): the cut loop's optimum equals the smallest protected choice found by trying
    /// every subset of the free cells, for both objectives, and is never above the heuristic's. Fixed seeds 1..20; at
    /// least 8 of them need a complement, so the comparison is not vacuous.
    /// </summary>
    [Fact]
    public void Solve_SmallRandomOrganisations_EqualsExhaustiveSearch()
    {
        var needed = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var teams = Enumerable.Range(1, 4).Select(t => ("t" + t.ToString(System.Globalization.CultureInfo.InvariantCulture), random.Next(0, 15))).ToArray();
            var problem = SuppressionProblem.FromRelease(Release(random, teams, direct: random.Next(0, 3)));
            var free = problem.FreeCells;
            Assert.InRange(free.Count, 0, 9);
            var protectedChoices = Enumerable.Range(0, 1 << free.Count)
                .Select(mask => free.Where((_, i) => (mask & (1 << i)) != 0).ToList())
                .Where(problem.IsProtected)
                .ToList();

            foreach (var objective in new[] { OptimumObjective.Cells, OptimumObjective.Respondents })
            {
                long Weight(CellKey c) => objective == OptimumObjective.Cells ? 1 : problem.Count(c);
                var exhaustive = protectedChoices.Min(choice => choice.Sum(Weight));

                var result = OptimalComplement.Solve(problem, objective, 60, workers: 1);

                Assert.True(result.Proven, $"seed {seed}");
                Assert.Equal(exhaustive, result.Value);
                Assert.Equal(exhaustive, result.Withheld.Sum(Weight));
                Assert.True(problem.IsProtected(result.Withheld), $"seed {seed}");
                Assert.True(result.Value <= (objective == OptimumObjective.Cells ? problem.HeuristicCells : problem.HeuristicRespondents), $"seed {seed}");
                needed += objective == OptimumObjective.Cells && result.Value > 0 ? 1 : 0;
            }
        }

        Assert.True(needed >= 8, $"only {needed} of 20 organisations needed a complement");
    }

    private static CampaignRelease Release(params (string Team, int People)[] teams)
    {
        var units = new List<OrgUnitNode> { new("org", null) };
        units.AddRange(teams.Select(t => new OrgUnitNode(t.Team, "org")));
        var rows = teams.SelectMany(t => Enumerable.Range(0, t.People).Select(_ => new RespondentRow(t.Team, new Dictionary<string, string>(StringComparer.Ordinal)))).ToList();
        return CampaignRelease.Compute(new CampaignReleaseRequest(units, rows), new ReleasePolicy(K, 10, [], [])).Value;
    }

    private static CampaignRelease Release(Random random, (string Team, int People)[] teams, int direct)
    {
        var units = new List<OrgUnitNode> { new("org", null) };
        units.AddRange(teams.Select(t => new OrgUnitNode(t.Team, "org")));
        string[] values = ["a", "b", "c"];
        var rows = teams.Append(("org", direct)).SelectMany(t => Enumerable.Range(0, t.Item2).Select(_ => new RespondentRow(t.Item1,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["g"] = values[random.NextDouble() is var x && x < 0.6 ? 0 : x < 0.9 ? 1 : 2] }))).ToList();
        var policy = new ReleasePolicy(K, 10, [new AttributeDesignation("g", values, 0)], []);
        return CampaignRelease.Compute(new CampaignReleaseRequest(units, rows), policy).Value;
    }
}
