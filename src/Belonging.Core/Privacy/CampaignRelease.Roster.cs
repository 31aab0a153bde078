namespace Belonging.Core.Privacy;

/// <content>
/// Roster churn: the people who joined, left or moved in a cell between two chained campaigns, from the rosters at
/// open. A count that stayed the same can hide a change of people (a joiner replacing a leaver), and the exact counts of
/// a question's answers then show the joiner's answer (red-team review of 2026-12-02, attacks 1 and 2).
/// </content>
public sealed partial class CampaignRelease
{
    /// <summary>Everyone invited, as frozen at open (in memory only; never stored with the release). Null when not known.</summary>
    private IReadOnlyList<RosterRow>? Invited { get; init; }

    /// <summary>Per earlier release of the chain (newest first): the roster churn of this release's cells since it, or null when unknown.</summary>
    private IReadOnlyList<long[]?> Churns => churns ??= [.. Earlier(PreviousCampaign).Select(e => Churn(system, Units, Invited, e))];

    /// <summary>
    /// The same release with the campaign's roster at open known in memory (a release read back from storage), so that
    /// later campaigns can count who joined, left or moved in each of its cells.
    /// </summary>
    /// <param name="invited">Everyone invited, or null.</param>
    /// <returns>The release with the roster attached; decisions unchanged.</returns>
    public CampaignRelease WithRoster(IReadOnlyList<RosterRow>? invited) => Copy(invited, FigureAnswers);

    /// <summary>
    /// Per cell of <paramref name="system"/>: how many people of the two rosters are in the cell in one campaign and not
    /// in the other — joiners, leavers, people who moved unit (or whose unit moved in the tree) and people whose
    /// attribute changed. Membership is decided by the frozen tree of each campaign and the designated attribute values
    /// at open (a missing value counts as not disclosed). Null when either roster is unknown.
    /// </summary>
    /// <param name="system">This release's cells (or a figure's: the same cell set).</param>
    /// <param name="units">This campaign's frozen tree.</param>
    /// <param name="invited">This campaign's roster.</param>
    /// <param name="before">An earlier release, with its roster.</param>
    /// <returns>Churn per cell, or null.</returns>
    private static long[]? Churn(CellSystem system, IReadOnlyList<OrgUnitNode> units, IReadOnlyList<RosterRow>? invited, CampaignRelease before)
    {
        if (invited is null || before.Invited is null)
        {
            return null;
        }

        var now = ByPerson(invited);
        var then = ByPerson(before.Invited);
        var keysByUnit = Enumerable.Range(0, system.CellCount).GroupBy(i => system.Keys[i].Unit, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var nowChains = Chains(units);
        var thenChains = Chains(before.Units);
        var churn = new long[system.CellCount];
        foreach (var person in now.Keys.Concat(then.Keys.Where(p => !now.ContainsKey(p))))
        {
            var a = now.GetValueOrDefault(person);
            var b = then.GetValueOrDefault(person);
            if (a is not null && b is not null && a.UnitId == b.UnitId
                && nowChains.GetValueOrDefault(a.UnitId) is { } chainA && thenChains.GetValueOrDefault(b.UnitId) is { } chainB
                && chainA.SequenceEqual(chainB, StringComparer.Ordinal) && SameAttributes(a.Attributes, b.Attributes))
            {
                continue;
            }

            var inNow = a is null ? [] : CellsOf(system, keysByUnit, nowChains, a);
            var inThen = b is null ? [] : CellsOf(system, keysByUnit, thenChains, b);
            inNow.SymmetricExceptWith(inThen);
            foreach (var i in inNow)
            {
                churn[i]++;
            }
        }

        return churn;
    }

    /// <summary>The roster by person (the first row of a person listed twice).</summary>
    private static Dictionary<string, RosterRow> ByPerson(IReadOnlyList<RosterRow> roster)
    {
        var byPerson = new Dictionary<string, RosterRow>(roster.Count, StringComparer.Ordinal);
        foreach (var row in roster)
        {
            byPerson.TryAdd(row.Person, row);
        }

        return byPerson;
    }

    /// <summary>Each unit's chain: itself and its ancestors up to the root (empty for a tree with a cycle).</summary>
    private static Dictionary<string, string[]> Chains(IReadOnlyList<OrgUnitNode> units)
    {
        var parent = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            parent.TryAdd(u.Id, u.ParentId);
        }

        var chains = new Dictionary<string, string[]>(parent.Count, StringComparer.Ordinal);
        foreach (var id in parent.Keys)
        {
            var chain = new List<string>();
            for (string? u = id; u is not null && chain.Count <= parent.Count; u = parent.GetValueOrDefault(u))
            {
                chain.Add(u);
            }

            chains[id] = chain.Count > parent.Count ? [] : [.. chain];
        }

        return chains;
    }

    /// <summary>The cells of <paramref name="system"/> a roster row belongs to under one campaign's tree.</summary>
    private static HashSet<int> CellsOf(CellSystem system, Dictionary<string, int[]> keysByUnit, Dictionary<string, string[]> chains, RosterRow row)
    {
        var cells = new HashSet<int>();
        foreach (var unit in chains.GetValueOrDefault(row.UnitId) ?? [])
        {
            foreach (var i in keysByUnit.GetValueOrDefault(unit) ?? [])
            {
                var key = system.Keys[i];
                if (Holds(key.First, row.Attributes) && Holds(key.Second, row.Attributes))
                {
                    cells.Add(i);
                }
            }
        }

        return cells;
    }

    private static bool Holds(AttributeCondition? condition, IReadOnlyDictionary<string, string> attributes) =>
        condition is not { } c || (attributes.TryGetValue(c.Attribute, out var v) ? v : AttributeDesignation.NotDisclosed) == c.Value;

    private static bool SameAttributes(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>
    /// The change a cell's figures must hide against one earlier release that reported it. The people whose answers
    /// entered or left the cell are the respondents among those who joined, left or moved (the churn); how many of them
    /// answered is not known, and the attacker may work it out (a count that stayed the same while a colluding leaver
    /// left says the joiner answered and the others did not: red-team review 2, attacks A and G), so any number from the
    /// count's change up to the churn is possible. A count change of k or more means at least k changed; otherwise the
    /// worst case is the larger of the count's change and the churn, capped at k − 1 (a group of k or more is a group
    /// the release may show). So a cell with any churn and a count change below k is treated as changed by a few people.
    /// </summary>
    private static long Change(CellSystem system, int cell, long before, long[]? churn, int k)
    {
        var count = Math.Abs(system.Truth[cell] - before);
        return count >= k || churn is not { } c || c[cell] == 0 ? count : Math.Max(count, Math.Min(c[cell], k - 1));
    }
}
