using System.Globalization;
using Belonging.Core.Privacy;
using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// The attacker past its branch-and-bound budget: a bound it cannot prove is a typed outcome (<see cref="VariableBounds.Proven"/>
/// false, LP bounds), counted as narrow, so the release withholds more instead of throwing or trusting an unproven bound.
/// </summary>
public sealed class AttackerBudgetTests
{
    [Fact]
    public void Attack_FractionalComponentWithNoBudget_NotProvenAndCountsAsNarrow()
    {
        var (units, people, policy) = Organisation(seed: 119);
        var system = CellSystem.Build(new CampaignReleaseRequest(units, people), policy).Value;
        var unknown = new bool[system.VariableCount];
        for (var v = 0; v < system.VariableCount; v++)
        {
            unknown[v] = !system.IsCell(v) || system.Truth[v] < policy.K;
        }

        var targets = Enumerable.Range(0, system.VariableCount).Where(v => unknown[v]).ToList();

        var exact = new AttackEngine(system).Attack(unknown, targets);
        var budgetless = new AttackEngine(system, branchBudget: 0).Attack(unknown, targets);

        Assert.All(exact.Values, b => Assert.True(b.Proven));
        var unproven = targets.Where(v => !budgetless[v].Proven).ToList();
        Assert.NotEmpty(unproven);
        Assert.All(unproven, v =>
        {
            // The LP bounds contain the integer range, and an unproven bound never counts as wide.
            Assert.True(budgetless[v].Min <= exact[v].Min && budgetless[v].Max >= exact[v].Max);
            Assert.True(budgetless[v].IsNarrowerThan(1));
        });
    }

    [Fact]
    public void Compute_AttackerWithSmallBudget_WithholdsMoreAndStillProtects()
    {
        var (units, people, policy) = Organisation(seed: 0);
        var request = new CampaignReleaseRequest(units, people);

        var full = CampaignRelease.Compute(request, policy).Value;
        var small = CampaignRelease.Compute(request, policy, branchBudget: 0);

        Assert.True(small.IsSuccess);
        Assert.True(small.Value.Audit.Reported < full.Audit.Reported, $"budget 0 reported {small.Value.Audit.Reported}, full budget {full.Audit.Reported}");
        AssertProtected(small.Value);
    }

    /// <summary>
    /// Four teams of 8–29 people crossed by two attributes at team level (seeded draw): the team × a0 × a1 table with
    /// its 2-way margins released has fractional LP vertices, so some integer bounds need branch and bound (seed 119: 27
    /// bounds of the primary-suppressed system; seed 0: bounds met during the suppression loop).
    /// </summary>
    private static (List<OrgUnitNode> Units, List<RespondentRow> People, ReleasePolicy Policy) Organisation(int seed)
    {
        var random = new Random(seed);
        var teams = random.Next(2, 5);
        var units = new List<OrgUnitNode> { new("org", null) };
        units.AddRange(Enumerable.Range(1, teams).Select(t => new OrgUnitNode(string.Create(CultureInfo.InvariantCulture, $"t{t}"), "org")));
        var values = new[] { "v0", "v1", AttributeDesignation.NotDisclosed };
        var people = new List<RespondentRow>();
        foreach (var team in units.Skip(1))
        {
            var size = random.Next(8, 30);
            for (var p = 0; p < size; p++)
            {
                people.Add(new RespondentRow(team.Id, new Dictionary<string, string>(StringComparer.Ordinal) { ["a0"] = values[random.Next(3)], ["a1"] = values[random.Next(3)] }));
            }
        }

        var attributes = new List<AttributeDesignation> { new("a0", ["v0", "v1"], 1), new("a1", ["v0", "v1"], 1) };
        return (units, people, new ReleasePolicy(5, 10, attributes, [new PairDesignation("a0", "a1", 1)]));
    }
}
