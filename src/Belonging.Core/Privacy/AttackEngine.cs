namespace Belonging.Core.Privacy;

/// <summary>Integer bounds an attacker can prove for one unknown count.</summary>
/// <param name="Min">Smallest feasible value (≥ 0).</param>
/// <param name="Max">Largest feasible value, or null when unbounded.</param>
internal readonly record struct VariableBounds(int Min, int? Max)
{
    public bool IsNarrowerThan(int k) => Max is { } max && max - Min < k;
}

/// <summary>
/// The exact attacker over a <see cref="CellSystem"/>: for each unknown variable, min and max over all non-negative
/// integer solutions of the additivity rows with the known cells fixed at their true (released) values.
/// Works per connected component of unknowns, with a results cache keyed by the component's variable set
/// (for a fixed system, the component's variables determine its rows and right-hand sides).
/// </summary>
internal sealed class AttackEngine(CellSystem system)
{
    private readonly Dictionary<string, Dictionary<int, VariableBounds>> cache = new(StringComparer.Ordinal);

    public Dictionary<int, VariableBounds> Attack(bool[] unknown, IEnumerable<int> targets)
    {
        var components = Components(unknown);
        var result = new Dictionary<int, VariableBounds>();
        foreach (var group in targets.Where(t => unknown[t]).GroupBy(t => components.Find(t)))
        {
            var members = components.Members(group.Key);
            var cacheKey = string.Join(',', members);
            if (!cache.TryGetValue(cacheKey, out var known))
            {
                known = [];
                cache[cacheKey] = known;
            }

            var missing = group.Where(t => !known.ContainsKey(t)).ToList();
            if (missing.Count > 0)
            {
                Solve(members, unknown, missing, known);
            }

            foreach (var t in group)
            {
                result[t] = known[t];
            }
        }

        return result;
    }

    private void Solve(List<int> members, bool[] unknown, List<int> targets, Dictionary<int, VariableBounds> into)
    {
        var local = new Dictionary<int, int>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            local[members[i]] = i;
        }

        var rowIds = members.SelectMany(m => system.RowsOf[m]).Distinct().Order().ToList();
        var a = new List<Rational[]>(rowIds.Count);
        var b = new Rational[rowIds.Count];
        for (var r = 0; r < rowIds.Count; r++)
        {
            var row = new Rational[members.Count];
            long rhs = 0;
            foreach (var (v, coef) in system.Rows[rowIds[r]])
            {
                if (unknown[v])
                {
                    row[local[v]] += Rational.FromInteger(coef);
                }
                else
                {
                    rhs -= (long)coef * system.Truth[v];
                }
            }

            a.Add(row);
            b[r] = Rational.FromInteger(rhs);
        }

        var start = RationalSimplex.Tableau.Feasible(a, b, members.Count)
            ?? throw new InvalidOperationException("The true counts violate the release's own additivity rows.");
        foreach (var t in targets)
        {
            var (maxStatus, max) = RationalSimplex.MaximizeInteger(a, b, members.Count, local[t], 1, start);
            var (minStatus, negMin) = RationalSimplex.MaximizeInteger(a, b, members.Count, local[t], -1, start);
            if (minStatus != RationalSimplex.Status.Optimal || maxStatus == RationalSimplex.Status.Infeasible)
            {
                throw new InvalidOperationException("Attacker programme unexpectedly infeasible.");
            }

            into[t] = new VariableBounds((int)-negMin, maxStatus == RationalSimplex.Status.Unbounded ? null : (int)max);
        }
    }

    private DisjointSets Components(bool[] unknown)
    {
        var sets = new DisjointSets(system.VariableCount);
        foreach (var row in system.Rows)
        {
            var first = -1;
            foreach (var (v, _) in row)
            {
                if (!unknown[v])
                {
                    continue;
                }

                if (first < 0)
                {
                    first = v;
                }
                else
                {
                    sets.Union(first, v);
                }
            }
        }

        sets.Seal(unknown);
        return sets;
    }

    private sealed class DisjointSets
    {
        private readonly int[] parent;
        private Dictionary<int, List<int>> members = [];

        public DisjointSets(int n)
        {
            parent = new int[n];
            for (var i = 0; i < n; i++)
            {
                parent[i] = i;
            }
        }

        public int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        public void Union(int x, int y)
        {
            var (rx, ry) = (Find(x), Find(y));
            if (rx != ry)
            {
                parent[Math.Max(rx, ry)] = Math.Min(rx, ry);
            }
        }

        public void Seal(bool[] unknown)
        {
            members = [];
            for (var v = 0; v < parent.Length; v++)
            {
                if (unknown[v])
                {
                    var root = Find(v);
                    if (!members.TryGetValue(root, out var list))
                    {
                        members[root] = list = [];
                    }

                    list.Add(v);
                }
            }
        }

        public List<int> Members(int root) => members[root];
    }
}
