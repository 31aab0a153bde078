using Belonging.Core.Privacy;
using System.Globalization;
using Google.OrTools.LinearSolver;

namespace Belonging.Bench.Optimum;

/// <summary>
/// One release's complement choice as an optimisation problem: the same cell system, the same cells that are unknown
/// whatever is chosen (primary cells, direct-members remainders, cells withheld by the cross-release rule), the same
/// sensitive variables and attribute complements as <c>ComplementarySuppression.Run</c>, and, as the only choice, which
/// of the other cells (all holding at least k respondents) to withhold. "Protected" is decided by the product's own
/// exact attacker (<see cref="AttackEngine"/>), so it means exactly what the release means by it.
/// </summary>
internal sealed class SuppressionProblem
{
    private SuppressionProblem(CellSystem system, int k, bool[] fixedUnknown, int[] sensitive, List<int[]> complements, bool[] heuristic)
    {
        System = system;
        K = k;
        FixedUnknown = fixedUnknown;
        Sensitive = sensitive;
        Complements = complements;
        Heuristic = heuristic;
        Free = [.. Enumerable.Range(0, system.CellCount).Where(v => !fixedUnknown[v])];
    }

    public CellSystem System { get; }

    public int K { get; }

    /// <summary>Per variable: unknown whatever the choice (remainders, primary and cross-release cells).</summary>
    public bool[] FixedUnknown { get; }

    /// <summary>The cells the choice is over (every cell not fixed unknown; each holds at least k respondents).</summary>
    public int[] Free { get; }

    /// <summary>The free cells as cell keys, in canonical order.</summary>
    public IReadOnlyList<CellKey> FreeCells => [.. Free.Select(c => System.Keys[c])];

    /// <summary>The true respondent count of <paramref name="cell"/>.</summary>
    public int Count(CellKey cell) => System.Truth[System.Index[cell]];

    /// <summary>Variables whose bounds must be at least k wide.</summary>
    public int[] Sensitive { get; }

    /// <summary>Attribute complements (sums of variables) whose bounds must be at least k wide.</summary>
    public List<int[]> Complements { get; }

    /// <summary>Per variable: unknown in the heuristic's release.</summary>
    public bool[] Heuristic { get; }

    /// <summary>Free cells the heuristic withheld (its complementary cells).</summary>
    public int HeuristicCells => Free.Count(c => Heuristic[c]);

    /// <summary>Respondents in the free cells the heuristic withheld (a person counts once per withheld cell they are in).</summary>
    public long HeuristicRespondents => Free.Where(c => Heuristic[c]).Sum(c => (long)System.Truth[c]);

    /// <summary>Cells withheld by the cross-release rule (fixed here: the choice is the complement given them).</summary>
    public int CrossReleaseCells { get; private init; }

    /// <summary>Cells that could be shown: not withheld as primary (the denominator of the release's loss).</summary>
    public int EligibleCells { get; private init; }

    /// <summary>
    /// The problem a computed release solved, as the release ended it: primary and cross-release cells (including the
    /// cells the cross-release row rule added during the loop) are fixed unknown.
    /// </summary>
    /// <param name="release">A computed (not reduced) release.</param>
    /// <returns>The problem.</returns>
    public static SuppressionProblem FromRelease(CampaignRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var system = release.OptimumSystem;
        var status = release.OptimumStatuses;
        var k = release.Policy.K;
        var fixedUnknown = new bool[system.VariableCount];
        var heuristic = new bool[system.VariableCount];
        for (var v = 0; v < system.VariableCount; v++)
        {
            fixedUnknown[v] = !system.IsCell(v) || status[v] is CellStatus.Primary or CellStatus.CrossRelease;
            heuristic[v] = !system.IsCell(v) || status[v] != CellStatus.Reported;
        }

        // As in ComplementarySuppression.Run: small unknowns, every cross-release cell, and the attribute complements.
        var sensitive = Enumerable.Range(0, system.VariableCount)
            .Where(v => fixedUnknown[v] && ((system.Truth[v] >= 1 && system.Truth[v] < k) || (system.IsCell(v) && status[v] == CellStatus.CrossRelease)))
            .ToArray();
        var complements = system.AttributeDisclosures(k).Select(d => d.Complement).ToList();
        return new SuppressionProblem(system, k, fixedUnknown, sensitive, complements, heuristic)
        {
            CrossReleaseCells = status.Count(s => s == CellStatus.CrossRelease),
            EligibleCells = status.Count(s => s != CellStatus.Primary),
        };
    }

    /// <summary>
    /// The same problem with <paramref name="crossRelease"/> also withheld by the cross-release rule (fixed unknown and
    /// sensitive, as the release treats the cells its row rule adds).
    /// </summary>
    public SuppressionProblem WithCrossRelease(IEnumerable<int> crossRelease)
    {
        var added = crossRelease.Where(c => !FixedUnknown[c]).ToHashSet();
        var fixedUnknown = (bool[])FixedUnknown.Clone();
        foreach (var c in added)
        {
            fixedUnknown[c] = true;
        }

        return new SuppressionProblem(System, K, fixedUnknown, [.. Sensitive.Concat(added).Order()], Complements, Heuristic)
        {
            CrossReleaseCells = CrossReleaseCells + added.Count,
            EligibleCells = EligibleCells,
        };
    }

    /// <summary>How many bounds the attacker could not prove within its budget, over every check so far (the cuts assume none).</summary>
    public int UnprovenBounds { get; private set; }

    /// <summary>The unknown mask of a choice (fixed unknowns plus the chosen cells).</summary>
    public bool[] Mask(IEnumerable<int> withheld)
    {
        var unknown = (bool[])FixedUnknown.Clone();
        foreach (var c in withheld)
        {
            unknown[c] = true;
        }

        return unknown;
    }

    /// <summary>
    /// What the exact attacker can still narrow below k under <paramref name="unknown"/>: each sensitive variable (as a
    /// one-variable sum) and each attribute complement whose bounds are narrower than k (or not proven).
    /// </summary>
    public List<int[]> Violations(AttackEngine engine, bool[] unknown)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var found = new List<int[]>();
        var bounds = engine.Attack(unknown, Sensitive);
        UnprovenBounds += bounds.Values.Count(b => !b.Proven);
        found.AddRange(Sensitive.Where(v => bounds[v].IsNarrowerThan(K)).Select(v => new[] { v }));
        var sums = engine.AttackSums(unknown, Complements);
        UnprovenBounds += sums.Count(b => !b.Proven);
        found.AddRange(Complements.Where((_, i) => sums[i].IsNarrowerThan(K)));
        return found;
    }

    /// <summary>True when the exact attacker narrows nothing sensitive below k with <paramref name="withheld"/> withheld.</summary>
    /// <param name="withheld">Cells of the choice withheld (cell keys of the release).</param>
    /// <returns>Whether the choice protects every sensitive quantity.</returns>
    public bool IsProtected(IEnumerable<CellKey> withheld)
    {
        ArgumentNullException.ThrowIfNull(withheld);
        return Violations(new AttackEngine(System), Mask(withheld.Select(c => System.Index[c]))).Count == 0;
    }

    /// <summary>
    /// The cover cut for one violation under <paramref name="unknown"/>: the released cells of every row that touches the
    /// connected components (of unknowns) holding the violated quantity. Valid for every protected choice: if none of
    /// them is withheld, those components can only shrink, each by cells fixed at their true counts, so the attacker's
    /// range of the quantity can only narrow (docs/methods/secondary-suppression.md, "Against the optimum").
    /// </summary>
    public int[] CoverCut(int[] violated, bool[] unknown, int[] component)
    {
        ArgumentNullException.ThrowIfNull(violated);
        ArgumentNullException.ThrowIfNull(unknown);
        ArgumentNullException.ThrowIfNull(component);
        var roots = violated.Where(v => unknown[v]).Select(v => component[v]).ToHashSet();
        var cut = new SortedSet<int>();
        for (var r = 0; r < System.Rows.Count; r++)
        {
            var row = System.Rows[r];
            if (!row.Any(e => unknown[e.Var] && roots.Contains(component[e.Var])))
            {
                continue;
            }

            foreach (var (v, _) in row)
            {
                if (!unknown[v])
                {
                    cut.Add(v);
                }
            }
        }

        return [.. cut];
    }

    /// <summary>
    /// The dual cut for one violation (Fischetti and Salazar-González's capacity cut with unbounded capacities): solve
    /// the attacker's LP relaxation of max and min of the quantity over its components with GLOP; a released cell whose
    /// column has zero reduced cost under both optimal duals (Σ_r π_r · coef_rc = 0) can be withheld, alone or with
    /// others like it, without moving either LP bound (the optimal basis stays optimal), so at least one cell of
    /// non-zero reduced cost must be withheld. Valid only when the LP bounds themselves are narrower than k (integer
    /// bounds lie inside them); otherwise, and when the LP is unbounded or fails, null (use <see cref="CoverCut"/>).
    /// </summary>
    public int[]? DualCut(int[] violated, bool[] unknown, int[] component)
    {
        ArgumentNullException.ThrowIfNull(violated);
        ArgumentNullException.ThrowIfNull(unknown);
        ArgumentNullException.ThrowIfNull(component);
        var roots = violated.Where(v => unknown[v]).Select(v => component[v]).ToHashSet();
        var members = Enumerable.Range(0, System.VariableCount).Where(v => unknown[v] && roots.Contains(component[v])).ToList();
        var rows = members.SelectMany(m => System.RowsOf[m]).Distinct().Order().ToList();
        var max = SolveLp(violated, unknown, members, rows, maximise: true);
        var min = SolveLp(violated, unknown, members, rows, maximise: false);
        if (max is null || min is null || max.Value.Value - min.Value.Value >= K - 1e-7)
        {
            return null;
        }

        var cut = new SortedSet<int>();
        var duals = new[] { max.Value.Duals, min.Value.Duals };
        foreach (var r in rows)
        {
            foreach (var (c, _) in System.Rows[r])
            {
                if (unknown[c] || cut.Contains(c))
                {
                    continue;
                }

                foreach (var dual in duals)
                {
                    var reduced = System.RowsOf[c].Sum(rc => dual.TryGetValue(rc, out var pi) ? pi * System.Rows[rc].First(e => e.Var == c).Coef : 0);
                    if (Math.Abs(reduced) > 1e-7)
                    {
                        cut.Add(c);
                        break;
                    }
                }
            }
        }

        return [.. cut];
    }

    private (double Value, Dictionary<int, double> Duals)? SolveLp(int[] violated, bool[] unknown, List<int> members, List<int> rows, bool maximise)
    {
        using var lp = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        var y = members.ToDictionary(m => m, m => lp.MakeNumVar(0, double.PositiveInfinity, "y" + m.ToString(CultureInfo.InvariantCulture)));
        var constraints = new Dictionary<int, Constraint>(rows.Count);
        foreach (var r in rows)
        {
            double rhs = 0;
            foreach (var (v, coef) in System.Rows[r])
            {
                if (!unknown[v])
                {
                    rhs -= coef * (double)System.Truth[v];
                }
            }

            var ct = lp.MakeConstraint(rhs, rhs);
            foreach (var (v, coef) in System.Rows[r])
            {
                if (unknown[v])
                {
                    ct.SetCoefficient(y[v], ct.GetCoefficient(y[v]) + coef);
                }
            }

            constraints[r] = ct;
        }

        var objective = lp.Objective();
        foreach (var v in violated.Where(v => unknown[v]))
        {
            objective.SetCoefficient(y[v], 1);
        }

        if (maximise)
        {
            objective.SetMaximization();
        }
        else
        {
            objective.SetMinimization();
        }

        if (lp.Solve() != Solver.ResultStatus.OPTIMAL)
        {
            return null;
        }

        return (objective.Value(), constraints.ToDictionary(c => c.Key, c => c.Value.DualValue()));
    }

    /// <summary>Connected components of the unknowns (two unknowns are connected when a row holds both): a root per variable.</summary>
    public int[] Components(bool[] unknown)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        var parent = Enumerable.Range(0, System.VariableCount).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var row in System.Rows)
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
                    var (a, b) = (Find(first), Find(v));
                    if (a != b)
                    {
                        parent[Math.Max(a, b)] = Math.Min(a, b);
                    }
                }
            }
        }

        return [.. Enumerable.Range(0, System.VariableCount).Select(Find)];
    }
}
