namespace Belonging.Core.Privacy;

/// <summary>
/// The closed cell set of one release with its true counts and every additivity constraint between cells.
/// Variables 0..CellCount-1 are cells; the rest are hidden "direct members" remainders (people attached directly
/// to an inner unit), which are never released but must be protected like any small cell.
/// </summary>
internal sealed class CellSystem
{
    private CellSystem(List<CellKey> keys, int[] truth, int[] remainderOf, List<(int Var, int Coef)[]> rows, Dictionary<string, int> unitDepth)
    {
        Keys = keys;
        Truth = truth;
        RemainderOf = remainderOf;
        Rows = rows;
        UnitDepth = unitDepth;
        Index = new Dictionary<CellKey, int>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            Index[keys[i]] = i;
        }

        RowsOf = new List<int>[truth.Length];
        for (var v = 0; v < truth.Length; v++)
        {
            RowsOf[v] = [];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var (v, _) in rows[r])
            {
                RowsOf[v].Add(r);
            }
        }
    }

    private Dictionary<int, int>? remainderOfCell;

    /// <summary>Released-cell keys in canonical order; index = variable id.</summary>
    public List<CellKey> Keys { get; }

    public Dictionary<CellKey, int> Index { get; }

    /// <summary>True count per variable (cells then remainders).</summary>
    public int[] Truth { get; }

    /// <summary>For remainder variable CellCount + j, the cell whose "direct members" part it is.</summary>
    public int[] RemainderOf { get; }

    /// <summary>Homogeneous rows: Σ coef · x[var] = 0.</summary>
    public List<(int Var, int Coef)[]> Rows { get; }

    public List<int>[] RowsOf { get; }

    public Dictionary<string, int> UnitDepth { get; }

    public int CellCount => Keys.Count;

    public int VariableCount => Truth.Length;

    public bool IsCell(int variable) => variable < Keys.Count;

    /// <summary>
    /// Attribute disclosure: in every row that splits a group by the values of one attribute (a unit total = Σ its values,
    /// a breakdown = Σ its intersections with another attribute), each part whose complement in the row — the group's
    /// members who do not have that value — holds 0..k−1 people while the group holds at least k. Publishing such a part
    /// ("No = 23 of 23") tells every viewer the attribute of each named member. Groups below k are left out: their members
    /// are counted under the value around them (<see cref="SmallGroupRecoding"/>), so their counts say nothing of them.
    /// </summary>
    /// <param name="k">Threshold.</param>
    /// <returns>
    /// Per such part, in row order: the part's variable (a cell, or the direct-members remainder of a breakdown cell) and
    /// the variables whose sum is its complement.
    /// </returns>
    public List<(int Cell, int[] Complement)> AttributeDisclosures(int k)
    {
        var found = new List<(int, int[])>();
        foreach (var row in Rows)
        {
            var (group, coef) = row[0];
            if (coef != 1 || row.Any(e => !IsCell(e.Var) || Keys[e.Var].Unit != Keys[group].Unit) || Truth[group] < k)
            {
                continue;   // a hierarchy row (parent = children + remainder) or a small group
            }

            foreach (var (part, _) in row.Skip(1))
            {
                if (Truth[group] - Truth[part] < k)
                {
                    found.Add((part, [.. row.Skip(1).Select(e => e.Var).Where(v => v != part)]));
                }
            }

            // The same split of the people attached directly to the unit (a hidden group the attacker can difference out
            // when the attribute is broken down one level below): e.g. six division heads who all answered "No".
            if (Keys[group].Depth == 0 && RemainderVariable(group) is { } direct && Truth[direct] >= k
                && row.Skip(1).Select(e => RemainderVariable(e.Var)).ToList() is var parts && parts.All(p => p is not null))
            {
                foreach (var part in parts)
                {
                    if (Truth[direct] - Truth[part!.Value] < k)
                    {
                        found.Add((part.Value, [.. parts.Where(p => p != part).Select(p => p!.Value)]));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The hidden "direct members" variable of <paramref name="cell"/>, if its unit has people attached directly and the cell's condition is released one level down.</summary>
    /// <param name="cell">A cell variable.</param>
    /// <returns>The remainder variable, or null.</returns>
    public int? RemainderVariable(int cell)
    {
        remainderOfCell ??= Enumerable.Range(0, RemainderOf.Length).ToDictionary(j => RemainderOf[j], j => CellCount + j);
        return remainderOfCell.TryGetValue(cell, out var v) ? v : null;
    }

    public static Result<CellSystem> Build(CampaignReleaseRequest request, ReleasePolicy policy)
    {
        var units = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var u in request.Units)
        {
            if (!units.TryAdd(u.Id, u.ParentId))
            {
                return new SnapshotInvalidError("A unit id appears twice.");
            }
        }

        var roots = units.Where(u => u.Value is null).Select(u => u.Key).ToList();
        if (roots.Count != 1)
        {
            return new SnapshotInvalidError("The unit tree must have exactly one root.");
        }

        var children = units.Keys.ToDictionary(u => u, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (id, parent) in units)
        {
            if (parent is null)
            {
                continue;
            }

            if (!children.TryGetValue(parent, out var siblings))
            {
                return new SnapshotInvalidError("A unit names a parent that is not in the snapshot.");
            }

            siblings.Add(id);
        }

        foreach (var list in children.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal) { [roots[0]] = 0 };
        var queue = new Queue<string>([roots[0]]);
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            foreach (var c in children[u])
            {
                depth[c] = depth[u] + 1;
                queue.Enqueue(c);
            }
        }

        if (depth.Count != units.Count)
        {
            return new SnapshotInvalidError("The unit tree has a cycle (some units are not reachable from the root).");
        }

        var attributes = policy.Attributes.OrderBy(a => a.Attribute, StringComparer.Ordinal).ToList();
        var effectiveDepth = attributes.ToDictionary(
            a => a.Attribute,
            a => Math.Max(a.MaxDepth, policy.Pairs.Where(p => p.First == a.Attribute || p.Second == a.Attribute).Select(p => p.MaxDepth).DefaultIfEmpty(-1).Max()),
            StringComparer.Ordinal);
        var domains = attributes.ToDictionary(a => a.Attribute, a => a.Values.Append(AttributeDesignation.NotDisclosed).ToList(), StringComparer.Ordinal);
        var pairs = policy.Pairs
            .Select(p => string.CompareOrdinal(p.First, p.Second) < 0 ? (A: p.First, B: p.Second, p.MaxDepth) : (A: p.Second, B: p.First, p.MaxDepth))
            .OrderBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal).ToList();

        IEnumerable<(AttributeCondition? First, AttributeCondition? Second)> ConditionsAt(int d)
        {
            yield return (null, null);
            foreach (var a in attributes.Where(a => effectiveDepth[a.Attribute] >= d))
            {
                foreach (var v in domains[a.Attribute])
                {
                    yield return (new AttributeCondition(a.Attribute, v), null);
                }
            }

            foreach (var p in pairs.Where(p => p.MaxDepth >= d))
            {
                foreach (var va in domains[p.A])
                {
                    foreach (var vb in domains[p.B])
                    {
                        yield return (new AttributeCondition(p.A, va), new AttributeCondition(p.B, vb));
                    }
                }
            }
        }

        var unitOrder = units.Keys.OrderBy(u => u, StringComparer.Ordinal).ToList();
        var keys = new List<CellKey>();
        foreach (var u in unitOrder)
        {
            foreach (var (f, s) in ConditionsAt(depth[u]))
            {
                keys.Add(new CellKey(u, f, s));
            }
        }

        var index = new Dictionary<CellKey, int>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            index[keys[i]] = i;
        }

        var cellTruth = new int[keys.Count];
        var direct = new Dictionary<CellKey, int>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in request.Respondents)
        {
            if (!units.ContainsKey(r.UnitId))
            {
                return new SnapshotInvalidError("A respondent belongs to a unit that is not in the snapshot.");
            }

            values.Clear();
            foreach (var a in attributes)
            {
                var v = r.Attributes.TryGetValue(a.Attribute, out var given) ? given : AttributeDesignation.NotDisclosed;
                if (!domains[a.Attribute].Contains(v, StringComparer.Ordinal))
                {
                    return new SnapshotInvalidError($"A respondent has a value of '{a.Attribute}' outside its declared domain.");
                }

                values[a.Attribute] = v;
            }

            var isDirect = children[r.UnitId].Count > 0;
            for (string? u = r.UnitId; u is not null; u = units[u])
            {
                var d = depth[u];
                foreach (var key in KeysFor(u, d))
                {
                    cellTruth[index[key]]++;
                    if (isDirect && u == r.UnitId)
                    {
                        direct[key] = direct.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        IEnumerable<CellKey> KeysFor(string u, int d)
        {
            yield return CellKey.Total(u);
            foreach (var a in attributes.Where(a => effectiveDepth[a.Attribute] >= d))
            {
                yield return CellKey.Breakdown(u, a.Attribute, values[a.Attribute]);
            }

            foreach (var p in pairs.Where(p => p.MaxDepth >= d))
            {
                yield return CellKey.Intersection(u, new AttributeCondition(p.A, values[p.A]), new AttributeCondition(p.B, values[p.B]));
            }
        }

        var truth = new List<int>(cellTruth);
        var remainderOf = new List<int>();
        var rows = new List<(int Var, int Coef)[]>();
        foreach (var u in unitOrder)
        {
            var d = depth[u];
            var kids = children[u];
            var hasDirect = kids.Count > 0 && direct.ContainsKey(CellKey.Total(u));
            if (kids.Count > 0)
            {
                foreach (var (f, s) in ConditionsAt(d + 1))
                {
                    var parentKey = new CellKey(u, f, s);
                    var row = new List<(int, int)> { (index[parentKey], 1) };
                    row.AddRange(kids.Select(c => (index[new CellKey(c, f, s)], -1)));
                    if (hasDirect)
                    {
                        row.Add((truth.Count, -1));
                        remainderOf.Add(index[parentKey]);
                        truth.Add(direct.GetValueOrDefault(parentKey));
                    }

                    rows.Add([.. row]);
                }
            }

            var total = index[CellKey.Total(u)];
            foreach (var a in attributes.Where(a => effectiveDepth[a.Attribute] >= d))
            {
                rows.Add([(total, 1), .. domains[a.Attribute].Select(v => (index[CellKey.Breakdown(u, a.Attribute, v)], -1))]);
            }

            foreach (var p in pairs.Where(p => p.MaxDepth >= d))
            {
                foreach (var va in domains[p.A])
                {
                    var margin = index[CellKey.Breakdown(u, p.A, va)];
                    rows.Add([(margin, 1), .. domains[p.B].Select(vb => (index[CellKey.Intersection(u, new(p.A, va), new(p.B, vb))], -1))]);
                }

                foreach (var vb in domains[p.B])
                {
                    var margin = index[CellKey.Breakdown(u, p.B, vb)];
                    rows.Add([(margin, 1), .. domains[p.A].Select(va => (index[CellKey.Intersection(u, new(p.A, va), new(p.B, vb))], -1))]);
                }
            }
        }

        return new CellSystem(keys, [.. truth], [.. remainderOf], rows, depth);
    }
}
