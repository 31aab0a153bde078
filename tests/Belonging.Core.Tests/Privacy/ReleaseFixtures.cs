using Belonging.Core.Privacy;

namespace Belonging.Core.Tests.Privacy;

/// <summary>Small builders for snapshots; every name is synthetic.</summary>
internal static class ReleaseFixtures
{
    public const string Gender = "gender";
    public const string Band = "band";
    public const string Lgbtq = "lgbtq";

    public static readonly string[] Genders = ["F", "M", "X"];
    public static readonly string[] Bands = ["a", "b", "c"];

    public static RespondentRow Person(string unit, string? gender = null, string? band = null)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (gender is not null)
        {
            attributes[Gender] = gender;
        }

        if (band is not null)
        {
            attributes[Band] = band;
        }

        return new RespondentRow(unit, attributes);
    }

    public static IEnumerable<RespondentRow> People(int count, string unit, string? gender = null, string? band = null) =>
        Enumerable.Range(0, count).Select(_ => Person(unit, gender, band));

    public static ReleasePolicy Policy(int k = 5, int genderDepth = -1, int bandDepth = -1, int pairDepth = -1)
    {
        var attributes = new List<AttributeDesignation>();
        if (genderDepth >= 0 || pairDepth >= 0)
        {
            attributes.Add(new AttributeDesignation(Gender, Genders, Math.Max(genderDepth, 0)));
        }

        if (bandDepth >= 0 || pairDepth >= 0)
        {
            attributes.Add(new AttributeDesignation(Band, Bands, Math.Max(bandDepth, 0)));
        }

        var pairs = pairDepth >= 0 ? new List<PairDesignation> { new(Gender, Band, pairDepth) } : [];
        return new ReleasePolicy(k, Math.Max(10, k), attributes, pairs);
    }

    public static CampaignRelease Release(IEnumerable<OrgUnitNode> units, IEnumerable<RespondentRow> people, ReleasePolicy policy)
    {
        var result = CampaignRelease.Compute(new CampaignReleaseRequest([.. units], [.. people]), policy);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    public static int? N(CampaignRelease release, CellKey key) => release.Disclose(key, () => 0).Match<int?>(r => r.N, _ => null);

    /// <summary>The proof obligation, checked from the outside: re-attack and compare with the true counts.</summary>
    public static void AssertProtected(CampaignRelease release)
    {
        var k = release.Policy.K;
        Assert.True(release.Audit.Passed);
        foreach (var key in release.Cells)
        {
            if (N(release, key) is { } n)
            {
                Assert.True(n >= k, $"{key} reported with n = {n} < k = {k}");
            }
        }

        foreach (var b in release.Attack())
        {
            var truth = b.DirectMembersOnly ? release.TrueRemainder(b.Cell) : release.TrueCount(b.Cell);
            Assert.True(b.Min <= truth && (b.Max is null || truth <= b.Max), $"{b.Cell}: bounds [{b.Min}, {b.Max}] exclude the truth {truth}");
            if (truth >= 1 && truth < k)
            {
                Assert.True(b.Max is null || b.Max - b.Min >= k, $"{b.Cell} (direct: {b.DirectMembersOnly}, true n = {truth}) narrowed to [{b.Min}, {b.Max}]");
            }
        }

        AssertNoAttributeDisclosure(release);
    }

    /// <summary>
    /// Attribute disclosure, checked from the outside: for every group of at least k (a unit, or a unit's single-attribute
    /// group in an intersection) split by an attribute, and every value v, the members without v — the sum of the
    /// group's other parts — must not be narrowed below k wide when they are 0..k−1 people ("No = 23 of 23"); likewise
    /// for the people attached directly to a unit, a hidden group the rows split by value one level down.
    /// </summary>
    public static void AssertNoAttributeDisclosure(CampaignRelease release)
    {
        var k = release.Policy.K;
        var splits = new List<(CellKey Group, CellKey Part, List<(CellKey, bool)> Others)>();
        foreach (var group in release.Cells.Where(c => c.Depth < 2))
        {
            var partitions = release.Cells
                .Where(c => c.Unit == group.Unit && c.Depth == group.Depth + 1 && (group.Depth == 0 || c.First == group.First || c.Second == group.First))
                .GroupBy(c => group.Depth == 0 ? c.First!.Value.Attribute : c.First == group.First ? c.Second!.Value.Attribute : c.First!.Value.Attribute);
            foreach (var parts in partitions)
            {
                foreach (var part in parts)
                {
                    var others = parts.Where(c => c != part).ToList();
                    var complement = others.Sum(release.TrueCount);
                    Assert.Equal(release.TrueCount(group), release.TrueCount(part) + complement);
                    if (release.TrueCount(group) >= k && complement < k)
                    {
                        splits.Add((group, part, [.. others.Select(c => (c, false))]));
                    }

                    // The people attached directly to the unit, split the same way (when that split is hidden in the rows).
                    if (group.Depth == 0 && release.HasRemainder(group) && parts.All(release.HasRemainder)
                        && release.TrueRemainder(group) >= k && others.Sum(release.TrueRemainder) < k)
                    {
                        splits.Add((group, part, [.. others.Select(c => (c, true))]));
                    }
                }
            }
        }

        var bounds = release.AttackSums([.. splits.Select(s => s.Others)]);
        for (var i = 0; i < splits.Count; i++)
        {
            var (group, part, others) = splits[i];
            Assert.True(others.Any(o => o.Item2) || N(release, part) is null, $"{part} reported although {group} has fewer than k others");
            Assert.False(bounds[i].IsNarrowerThan(k), $"{group} minus {part} narrowed to [{bounds[i].Min}, {bounds[i].Max}]");
        }
    }

    /// <summary>What a release publishes: every cell's reported n (or null) and the audit, as text.</summary>
    public static string Published(CampaignRelease release) =>
        string.Join('\n', release.Cells.Select(c => $"{c}={N(release, c)}")) + '\n'
        + string.Join('\n', release.Audit.Withheld.Select(w => $"{w.Cell}|{w.DirectMembersOnly}|{w.Min}|{w.Max}"));
}
