namespace Belonging.Core.Privacy;

/// <summary>Integer bounds an attacker can prove for one unknown count (or one sum of unknown counts).</summary>
/// <param name="Min">Smallest feasible value (≥ 0).</param>
/// <param name="Max">Largest feasible value, or null when unbounded.</param>
/// <param name="Proven">
/// False when branch and bound ran out of its node budget: Min and Max are then the LP relaxation's bounds, which contain
/// the integer range but may be wider than it, so the bounds do not prove anything and count as narrow.
/// </param>
internal readonly record struct VariableBounds(int Min, int? Max, bool Proven = true)
{
    /// <summary>True when the range is fewer than <paramref name="k"/> wide, or when it is not proven (fail closed).</summary>
    public bool IsNarrowerThan(int k) => !Proven || (Max is { } max && max - Min < k);
}

/// <summary>
/// The exact attacker over a <see cref="CellSystem"/>: for each unknown variable (or sum of variables), min and max over
/// all non-negative integer solutions of the additivity rows with the known cells fixed at their true (released) values.
/// Works per connected component of unknowns, with a results cache keyed by the component's variable set
/// (for a fixed system, the component's variables determine its rows and right-hand sides).
/// </summary>
/// <param name="system">The cell system.</param>
/// <param name="branchBudget">Branch-and-bound nodes per objective; past it the bound is reported as not proven.</param>
internal sealed class AttackEngine(CellSystem system, int branchBudget = RationalSimplex.DefaultBranchBudget)
{
    private readonly Dictionary<string, Programme> programmes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariableBounds> cache = new(StringComparer.Ordinal);
    private bool[] programmesFor = [];

    /// <summary>Bounds of every unknown variable among <paramref name="targets"/>.</summary>
    public Dictionary<int, VariableBounds> Attack(bool[] unknown, IEnumerable<int> targets)
    {
        var components = Components(unknown);
        var result = new Dictionary<int, VariableBounds>();
        foreach (var t in targets.Where(t => unknown[t]).Distinct().Order())
        {
            result[t] = SumBounds(components, unknown, [t]);
        }

        return result;
    }

    /// <summary>
    /// Bounds of Σ x over each of <paramref name="sums"/> (variable ids; known variables count with their released value).
    /// Unknowns in different components are independent, so the sum's range is the sum of the per-component ranges.
    /// </summary>
    public List<VariableBounds> AttackSums(bool[] unknown, IReadOnlyList<int[]> sums)
    {
        var components = Components(unknown);
        return [.. sums.Select(sum => SumBounds(components, unknown, sum))];
    }

    private VariableBounds SumBounds(DisjointSets components, bool[] unknown, IEnumerable<int> variables)
    {
        var constant = 0;
        var parts = new SortedDictionary<int, List<int>>();
        foreach (var v in variables.Distinct().Order())
        {
            if (!unknown[v])
            {
                constant += system.Truth[v];
            }
            else if (parts.TryGetValue(components.Find(v), out var part))
            {
                part.Add(v);
            }
            else
            {
                parts[components.Find(v)] = [v];
            }
        }

        int? max = constant;
        var min = constant;
        var proven = true;
        foreach (var (root, part) in parts)
        {
            var members = components.Members(root);
            var componentKey = string.Join(',', members);
            var key = componentKey + ':' + string.Join(',', part);
            if (!cache.TryGetValue(key, out var bounds))
            {
                if (!programmes.TryGetValue(componentKey, out var programme))
                {
                    programme = Programme.Build(system, members, unknown);
                    programmes[componentKey] = programme;
                }

                bounds = programme.Bounds(part, branchBudget);
                cache[key] = bounds;
            }

            min += bounds.Min;
            max = max is { } m && bounds.Max is { } bm ? m + bm : null;
            proven &= bounds.Proven;
        }

        return new VariableBounds(min, max, proven);
    }

    /// <summary>One component's programme A x = b over its unknowns, with a feasible basis found once.</summary>
    private sealed class Programme(Dictionary<int, int> local, List<Rational[]> a, Rational[] b, RationalSimplex.Tableau start)
    {
        public static Programme Build(CellSystem system, List<int> members, bool[] unknown)
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
            return new Programme(local, a, b, start);
        }

        /// <summary>Min and max of Σ x over <paramref name="variables"/> (all in this component).</summary>
        public VariableBounds Bounds(IEnumerable<int> variables, int branchBudget)
        {
            var up = new Rational[local.Count];
            var down = new Rational[local.Count];
            foreach (var v in variables)
            {
                up[local[v]] = Rational.One;
                down[local[v]] = -Rational.One;
            }

            var (maxStatus, max) = RationalSimplex.MaximizeInteger(a, b, local.Count, up, start, branchBudget);
            var (minStatus, negMin) = RationalSimplex.MaximizeInteger(a, b, local.Count, down, start, branchBudget);
            if (minStatus is not (RationalSimplex.Status.Optimal or RationalSimplex.Status.BudgetExceeded) || maxStatus == RationalSimplex.Status.Infeasible)
            {
                throw new InvalidOperationException("Attacker programme unexpectedly infeasible.");
            }

            var proven = minStatus == RationalSimplex.Status.Optimal && maxStatus != RationalSimplex.Status.BudgetExceeded;
            return new VariableBounds((int)-negMin, maxStatus == RationalSimplex.Status.Unbounded ? null : (int)max, proven);
        }
    }

    private DisjointSets Components(bool[] unknown)
    {
        // Tableaux are kept only while the unknown set stays the same (one suppression round asks for variables and sums);
        // bounds stay cached for good, keyed by component.
        if (!programmesFor.AsSpan().SequenceEqual(unknown))
        {
            programmes.Clear();
            programmesFor = (bool[])unknown.Clone();
        }

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

    internal sealed class DisjointSets
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
