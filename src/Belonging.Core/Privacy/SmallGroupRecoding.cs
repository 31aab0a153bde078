namespace Belonging.Core.Privacy;

/// <summary>
/// Local suppression before the release is built: the members of a group of 1..k−1 respondents that the cell set
/// splits by an attribute are counted as "(not disclosed)" for that attribute, everywhere. Otherwise the empty parts of
/// the small group's breakdown, which additivity often pins at 0, would say which value its members have — with one
/// person (the head attached directly to the organisation), that person's attribute. After recoding, those zeros say
/// only that the attribute was withheld. Documented in docs/methods/secondary-suppression.md (homogeneity).
/// </summary>
internal static class SmallGroupRecoding
{
    /// <summary>Returns the respondents with attributes recoded (same order); unchanged rows are the same instances.</summary>
    /// <param name="request">The snapshot (an invalid tree is returned unchanged: the cell system reports it).</param>
    /// <param name="policy">Thresholds and designations.</param>
    public static IReadOnlyList<RespondentRow> Apply(CampaignReleaseRequest request, ReleasePolicy policy)
    {
        var k = policy.K;
        var parent = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var u in request.Units)
        {
            if (!parent.TryAdd(u.Id, u.ParentId))
            {
                return request.Respondents;
            }
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var hasChildren = new HashSet<string>(request.Units.Where(u => u.ParentId is not null).Select(u => u.ParentId!), StringComparer.Ordinal);
        foreach (var id in parent.Keys)
        {
            var d = 0;
            for (var p = parent[id]; p is not null && d <= parent.Count; p = parent.GetValueOrDefault(p))
            {
                d++;
            }

            if (d > parent.Count)
            {
                return request.Respondents;
            }

            depth[id] = d;
        }

        var rows = request.Respondents;
        var domains = policy.Attributes.ToDictionary(a => a.Attribute, a => a.Values.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var invalid = rows.Any(r => !parent.ContainsKey(r.UnitId)
            || r.Attributes.Any(kv => domains.TryGetValue(kv.Key, out var domain) && kv.Value != AttributeDesignation.NotDisclosed && !domain.Contains(kv.Value)));
        if (invalid)
        {
            return rows;   // the cell system reports what is wrong with the snapshot
        }

        // Each respondent's units: the unit they are attached to and its ancestors (they belong to each subtree).
        var chains = rows.Select(r =>
        {
            var chain = new List<string>();
            for (string? u = r.UnitId; u is not null; u = parent[u])
            {
                chain.Add(u);
            }

            return chain;
        }).ToArray();
        var recoded = new Dictionary<string, string>?[rows.Count];
        var designated = policy.Attributes.ToDictionary(a => a.Attribute, a => a.MaxDepth, StringComparer.Ordinal);

        // Groups defined by the tree: a unit's whole subtree, and the people attached directly to an inner unit.
        var groups = new Dictionary<(string Unit, bool Direct), List<int>>();
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var u in chains[i])
            {
                Add(groups, (u, false), i);
            }

            if (hasChildren.Contains(rows[i].UnitId))
            {
                Add(groups, (rows[i].UnitId, true), i);
            }
        }

        foreach (var ((unit, direct), members) in groups.OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Direct))
        {
            if (members.Count < k)
            {
                foreach (var (attribute, maxDepth) in designated.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    if (depth[unit] <= maxDepth)
                    {
                        Recode(rows, recoded, members, attribute, CommonValue(rows, recoded, groups[(direct ? unit : Enclosing(parent, unit), false)], members, attribute));
                    }
                }
            }
        }

        // Groups defined by one attribute value, split by the other attribute of a designated pair; recoding can create
        // new small groups, so repeat until nothing changes (values only ever move to "not disclosed", so it ends).
        bool changed;
        do
        {
            changed = false;
            foreach (var pair in policy.Pairs)
            {
                foreach (var (by, split) in new[] { (pair.First, pair.Second), (pair.Second, pair.First) })
                {
                    var cells = new Dictionary<(string Unit, bool Direct, string Value), List<int>>();
                    for (var i = 0; i < rows.Count; i++)
                    {
                        var value = Value(rows[i], recoded[i], by);
                        foreach (var u in chains[i])
                        {
                            if (depth[u] <= pair.MaxDepth)
                            {
                                Add(cells, (u, false, value), i);
                            }
                        }

                        if (hasChildren.Contains(rows[i].UnitId) && depth[rows[i].UnitId] <= pair.MaxDepth)
                        {
                            Add(cells, (rows[i].UnitId, true, value), i);
                        }
                    }

                    foreach (var ((unit, _, _), members) in cells.Where(c => c.Value.Count < k).OrderBy(c => c.Key.Unit, StringComparer.Ordinal).ThenBy(c => c.Key.Direct).ThenBy(c => c.Key.Value, StringComparer.Ordinal))
                    {
                        changed |= Recode(rows, recoded, members, split, CommonValue(rows, recoded, groups[(unit, false)], members, split));
                    }
                }
            }
        }
        while (changed);

        return rows.Select((r, i) =>
        {
            if (recoded[i] is not { } values)
            {
                return r;
            }

            var attributes = r.Attributes.Where(kv => !values.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            foreach (var (attribute, value) in values.Where(v => v.Value != AttributeDesignation.NotDisclosed))
            {
                attributes[attribute] = value;
            }

            return new RespondentRow(r.UnitId, attributes);
        }).ToList();
    }

    /// <summary>The unit whose subtree encloses a unit's subtree: its parent (the root for the root).</summary>
    private static string Enclosing(Dictionary<string, string?> parent, string unit) => parent[unit] ?? unit;

    private static string Value(RespondentRow row, Dictionary<string, string>? recoded, string attribute) =>
        recoded is not null && recoded.TryGetValue(attribute, out var r) ? r
        : row.Attributes.TryGetValue(attribute, out var v) ? v : AttributeDesignation.NotDisclosed;

    /// <summary>
    /// The most common value of <paramref name="attribute"/> among the enclosing unit's respondents outside the group
    /// (ties: ordinal order), so the value the group is counted under never depends on its own members' answers.
    /// "(not disclosed)" when nobody else is there.
    /// </summary>
    private static string CommonValue(IReadOnlyList<RespondentRow> rows, Dictionary<string, string>?[] recoded, List<int> enclosing, List<int> group, string attribute)
    {
        var inGroup = group.ToHashSet();
        return enclosing.Where(i => !inGroup.Contains(i))
            .GroupBy(i => Value(rows[i], recoded[i], attribute), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? AttributeDesignation.NotDisclosed;
    }

    private static bool Recode(IReadOnlyList<RespondentRow> rows, Dictionary<string, string>?[] recoded, List<int> members, string attribute, string value)
    {
        var changed = false;
        foreach (var i in members)
        {
            var map = recoded[i] ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (!map.ContainsKey(attribute))
            {
                map[attribute] = value;
                changed = true;
            }
        }

        return changed;
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> groups, TKey key, int member)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }

        list.Add(member);
    }
}
