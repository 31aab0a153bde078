using System.Globalization;
using Belonging.Core.Privacy;
using CsCheck;
using static Belonging.Core.Tests.Privacy.ReleaseFixtures;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// Property tests of <see cref="CampaignRelease"/> over random organisations: tree depth 1–4, 3–25 leaf units, 20–200
/// respondents, 1–3 attributes of 2–4 values, random designations of attributes and pairs. CsCheck draws the shape
/// from a fixed, logged seed per test (<see cref="FixedSeeds"/>); a seeded <see cref="Random"/> fills in the details, so
/// every run draws the same organisations and a failing case is reproducible from the printed seed and values.
/// </summary>
public sealed class ExactAttackerPropertyTests
{
    /// <summary>A shape: tree depth, leaf count, respondents, attribute count, k, and the seed for everything else.</summary>
    private static readonly Gen<Shape> Shapes =
        Gen.Select(Gen.Int[1, 4], Gen.Int[3, 25], Gen.Int[20, 200], Gen.Int[1, 3], Gen.Int[MinimumGroupRule.Floor, 5], Gen.Int)
            .Select(t => new Shape(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6))
            .Where(shape => CellCount(Build(shape)) <= MaxCells);

    /// <summary>
    /// Largest closed cell set a generated case may have; larger draws are redrawn. The exact attacker's dense rational
    /// simplex grows fast with component size: in a sample of 193 unrestricted draws, cases of 250–650 cells took 1–80 s
    /// each (Debug build, shared 2-core machine), e.g. Shape(2, 20, 164, 2, 3, 726787874) with 408 cells took 78 s,
    /// while cases up to 200 cells took at most about a second. See docs/methods/exact-attacker.md.
    /// </summary>
    private const int MaxCells = 200;

    [Fact]
    public void Compute_RandomOrganisations_AttackerFindsNoNarrowingBelowK_ReportedCellsHaveK()
    {
        var withComplements = 0;
        var withAttributeDisclosure = 0;
        var reasons = new Dictionary<SuppressionReason, int>();
        FixedSeeds.Sample(
            Shapes,
            shape =>
            {
                var (units, people, policy) = Build(shape);
                var release = Release(units, people, policy);
                Assert.Equal(CellCount((units, people, policy)), release.Cells.Count);

                // The proof obligation re-checked from outside: a fresh exact attack on only what is published,
                // compared with the true counts (bounds contain the truth; small withheld counts at least k wide),
                // and every reported cell has n ≥ k.
                AssertProtected(release);
                Assert.Equal(release.Attack(), release.Audit.Withheld);
                withComplements += release.Audit.ComplementarySuppressed > 0 ? 1 : 0;
                // Each withheld cell's reason is true, and adds nothing to the attacker's bounds (it is read off them).
                foreach (var cell in release.Cells.Where(c => !release.IsReported(c)))
                {
                    var reason = release.Disclose(cell, () => 0).Match(_ => (SuppressionReason)0, x => x.Reason);
                    var bounds = release.Audit.Withheld.Single(b => b.Cell == cell && !b.DirectMembersOnly);
                    var expected = bounds.Max < release.Policy.K ? SuppressionReason.BelowThreshold : bounds.Min >= release.Policy.K ? SuppressionReason.Complementary : SuppressionReason.Protected;
                    Assert.Equal(expected, reason);
                    Assert.True(reason != SuppressionReason.BelowThreshold || release.TrueCount(cell) < release.Policy.K, $"{cell} says too few with {release.TrueCount(cell)}");
                    Assert.True(reason != SuppressionReason.Complementary || release.TrueCount(cell) >= release.Policy.K, $"{cell} says it protects others with {release.TrueCount(cell)}");
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }

                withAttributeDisclosure += release.Audit.PrimarySuppressed > release.Cells.Count(c => release.TrueCount(c) < release.Policy.K) ? 1 : 0;
            },
            seed: "0000Att4ck01",
            iter: 30,
            print: s => s.ToString());

        Assert.All(new[] { SuppressionReason.BelowThreshold, SuppressionReason.Complementary, SuppressionReason.Protected }, r => Assert.True(reasons.GetValueOrDefault(r) > 0, $"no withheld cell said {r}"));

        // The generator must exercise secondary suppression, or the property would hold vacuously.
        Assert.True(withComplements >= 5, $"only {withComplements} of 30 organisations needed complementary suppression");
        Assert.True(withAttributeDisclosure >= 5, $"only {withAttributeDisclosure} of 30 organisations had a breakdown value holding all but fewer than k of a group");
    }

    [Fact]
    public void Compute_ShuffledInput_SameReportedAndWithheldSets()
    {
        FixedSeeds.Sample(
            Shapes,
            shape =>
            {
                var (units, people, policy) = Build(shape);
                var random = new Random(shape.Seed ^ 0x5eed);
                var release = Release(units, people, policy);
                var shuffled = Release(Shuffle(units, random), Shuffle(people, random), policy);

                Assert.Equal(release.Cells, shuffled.Cells);
                Assert.Equal(release.Cells.Select(release.IsReported), shuffled.Cells.Select(shuffled.IsReported));
                Assert.Equal(release.Cells.Select(c => N(release, c)), shuffled.Cells.Select(c => N(shuffled, c)));
                Assert.Equal(release.Audit with { Withheld = [] }, shuffled.Audit with { Withheld = [] });
                Assert.Equal(release.Audit.Withheld, shuffled.Audit.Withheld);
            },
            seed: "0000Shuff1e2",
            iter: 20,
            print: s => s.ToString());
    }

    [Fact]
    public void Compute_RandomOrganisations_AttributesOfPeopleInGroupsBelowKDoNotChangeTheRelease()
    {
        // Homogeneity: for a group of 1..k−1 respondents that the release splits by an attribute (a unit's subtree, or
        // the people attached directly to an inner unit, at a depth where the attribute is broken down), changing a
        // member's value of that attribute must not change anything published — otherwise the empty parts of the
        // group's breakdown would tell which value its members have.
        var checkedGroups = 0;
        FixedSeeds.Sample(
            Shapes,
            shape =>
            {
                var (units, people, policy) = Build(shape);
                var parent = units.ToDictionary(u => u.Id, u => u.ParentId);
                int Depth(string u) => parent[u] is { } p ? Depth(p) + 1 : 0;
                var inner = units.Where(u => u.ParentId is not null).Select(u => u.ParentId!).ToHashSet();
                var release = Release(units, people, policy);
                foreach (var unit in units.Select(u => u.Id))
                {
                    bool InSubtree(string u) => u == unit || (parent[u] is { } p && InSubtree(p));
                    foreach (var members in new[] { people.Where(r => InSubtree(r.UnitId)).ToList(), inner.Contains(unit) ? people.Where(r => r.UnitId == unit).ToList() : [] })
                    {
                        var attribute = policy.Attributes.FirstOrDefault(a => Depth(unit) <= a.MaxDepth && a.Values.Count >= 2);
                        if (members.Count is 0 || members.Count >= policy.K || attribute is null)
                        {
                            continue;
                        }

                        var target = members[0];
                        var current = target.Attributes.GetValueOrDefault(attribute.Attribute);
                        var changed = attribute.Values.First(v => v != current);
                        var edited = people.Select(r => ReferenceEquals(r, target)
                            ? new RespondentRow(r.UnitId, new Dictionary<string, string>(r.Attributes, StringComparer.Ordinal) { [attribute.Attribute] = changed })
                            : r).ToList();
                        Assert.Equal(Published(release), Published(Release(units, edited, policy)));
                        checkedGroups++;
                        return;   // one group per organisation keeps the run short
                    }
                }
            },
            seed: "0000H0m0gen3",
            iter: 20,
            print: s => s.ToString());

        Assert.True(checkedGroups >= 5, $"only {checkedGroups} of 20 organisations had a small group split by an attribute");
    }

    [Fact]
    public void Disclose_RandomQuerySequencesInDifferentOrders_SameAnswers()
    {
        FixedSeeds.Sample(
            Shapes,
            shape =>
            {
                var (units, people, policy) = Build(shape);
                var random = new Random(shape.Seed ^ 0x0dd);
                var release = Release(units, people, policy);

                // Queries: cells of the release and cells outside it (an undesignated value, an unknown unit).
                var outside = new[] { CellKey.Total("no-such-unit"), CellKey.Breakdown(units[0].Id, "a0", "undeclared"), CellKey.Breakdown(units[0].Id, "zz", "v0") };
                var pool = release.Cells.Concat(outside).ToList();
                var queries = Enumerable.Range(0, 200).Select(_ => pool[random.Next(pool.Count)]).ToList();

                var first = Answer(release, queries);
                var reordered = Shuffle(queries, random);
                var second = Answer(release, reordered);
                var third = Answer(release, Enumerable.Reverse(queries).ToList());

                foreach (var q in queries.Distinct())
                {
                    Assert.Equal(first[q], second[q]);
                    Assert.Equal(first[q], third[q]);
                }

                // Repeating a query never changes its answer within one sequence either.
                Assert.All(queries, q => Assert.Equal(first[q], Describe(release.Disclose(q, () => q.ToString()))));
            },
            seed: "0000Qu3ry0d4",
            iter: 20,
            print: s => s.ToString());
    }

    private static Dictionary<CellKey, string> Answer(CampaignRelease release, IReadOnlyList<CellKey> queries)
    {
        var answers = new Dictionary<CellKey, string>();
        foreach (var q in queries)
        {
            var a = Describe(release.Disclose(q, () => q.ToString()));
            if (answers.TryGetValue(q, out var earlier))
            {
                Assert.Equal(earlier, a);
            }

            answers[q] = a;
        }

        return answers;
    }

    private static string Describe(Disclosure<string> d) =>
        d.Match(r => string.Create(CultureInfo.InvariantCulture, $"reported {r.Value} n={r.N}"), s => $"suppressed {s.Reason}");

    private static List<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    /// <summary>Builds the organisation, respondents and policy of a shape.</summary>
    private static (List<OrgUnitNode> Units, List<RespondentRow> People, ReleasePolicy Policy) Build(Shape shape)
    {
        var random = new Random(shape.Seed);
        var units = new List<OrgUnitNode> { new("u00", null) };
        var depth = new Dictionary<string, int>(StringComparer.Ordinal) { ["u00"] = 0 };

        // Inner units first (each under an earlier unit, above the deepest level), then the leaves under them.
        var inner = new List<string> { "u00" };
        var innerCount = shape.Depth == 1 ? 0 : random.Next(1, Math.Max(2, shape.Leaves / 2) + 1);
        for (var i = 0; i < innerCount; i++)
        {
            var candidates = inner.Where(u => depth[u] < shape.Depth - 1).ToList();
            var parent = candidates[random.Next(candidates.Count)];
            var id = string.Create(CultureInfo.InvariantCulture, $"i{i:00}");
            units.Add(new OrgUnitNode(id, parent));
            depth[id] = depth[parent] + 1;
            inner.Add(id);
        }

        var leaves = new List<string>();
        var childless = inner.Skip(1).ToList();
        for (var i = 0; i < shape.Leaves; i++)
        {
            // Give every inner unit at least one leaf, so inner units do not become extra leaves.
            var parent = i < childless.Count ? childless[i] : inner[random.Next(inner.Count)];
            var id = string.Create(CultureInfo.InvariantCulture, $"l{i:00}");
            units.Add(new OrgUnitNode(id, parent));
            depth[id] = depth[parent] + 1;
            leaves.Add(id);
        }

        var attributes = new List<AttributeDesignation>();
        var all = new List<(string Name, string[] Values)>();
        for (var a = 0; a < shape.Attributes; a++)
        {
            var values = Enumerable.Range(0, random.Next(2, 5)).Select(v => string.Create(CultureInfo.InvariantCulture, $"v{v}")).ToArray();
            var name = string.Create(CultureInfo.InvariantCulture, $"a{a}");
            all.Add((name, values));
            if (random.NextDouble() < 0.75)
            {
                attributes.Add(new AttributeDesignation(name, values, random.Next(0, shape.Depth + 1)));
            }
        }

        var pairs = new List<PairDesignation>();
        for (var i = 0; i < attributes.Count; i++)
        {
            for (var j = i + 1; j < attributes.Count; j++)
            {
                if (random.NextDouble() < 0.5)
                {
                    pairs.Add(new PairDesignation(attributes[i].Attribute, attributes[j].Attribute, random.Next(0, shape.Depth + 1)));
                }
            }
        }

        // Skewed unit sizes and value frequencies, so small cells (and hence suppression) are common.
        var unitWeights = leaves.Select(_ => Math.Pow(random.NextDouble(), 2) + 0.02).ToArray();
        var valueWeights = all.Select(a => a.Values.Select(_ => Math.Pow(random.NextDouble(), 2) + 0.05).ToArray()).ToList();
        var people = new List<RespondentRow>();
        for (var p = 0; p < shape.Respondents; p++)
        {
            // About one in twenty sits directly in an inner unit (a manager), which creates hidden remainders.
            var unit = inner.Count > 1 && random.NextDouble() < 0.05 ? inner[random.Next(inner.Count)] : leaves[Pick(unitWeights, random)];
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var a = 0; a < all.Count; a++)
            {
                if (random.NextDouble() >= 0.05)
                {
                    values[all[a].Name] = all[a].Values[Pick(valueWeights[a], random)];
                }
            }

            people.Add(new RespondentRow(unit, values));
        }

        return (units, people, new ReleasePolicy(shape.K, Math.Max(10, shape.K), attributes, pairs));
    }

    /// <summary>Size of the closed cell set the release will have (same rule as CellSystem: a unit at depth d gets its total,
    /// one cell per value and "(not disclosed)" of every attribute released at depth ≥ d, and every intersection of every pair
    /// released at depth ≥ d; an attribute is released at least as deep as any pair it belongs to).</summary>
    private static int CellCount((List<OrgUnitNode> Units, List<RespondentRow> People, ReleasePolicy Policy) built)
    {
        var (units, _, policy) = built;
        var parent = units.ToDictionary(u => u.Id, u => u.ParentId, StringComparer.Ordinal);
        int Depth(string id) => parent[id] is { } p ? Depth(p) + 1 : 0;
        var values = policy.Attributes.ToDictionary(a => a.Attribute, a => a.Values.Count + 1, StringComparer.Ordinal);
        var reach = policy.Attributes.ToDictionary(
            a => a.Attribute,
            a => policy.Pairs.Where(p => p.First == a.Attribute || p.Second == a.Attribute).Select(p => p.MaxDepth).Append(a.MaxDepth).Max(),
            StringComparer.Ordinal);
        return units.Sum(u =>
        {
            var d = Depth(u.Id);
            return 1 + reach.Where(r => r.Value >= d).Sum(r => values[r.Key]) + policy.Pairs.Where(p => p.MaxDepth >= d).Sum(p => values[p.First] * values[p.Second]);
        });
    }

    private static int Pick(double[] weights, Random random)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>One random organisation's shape.</summary>
    internal sealed record Shape(int Depth, int Leaves, int Respondents, int Attributes, int K, int Seed);
}
