using System.Numerics;

namespace Belonging.Core.Privacy;

/// <summary>
/// A small dense simplex over exact rationals with Bland's rule (no cycling), plus branch and bound for integer bounds.
/// Sized for the attacker's connected components (tens to a few hundred unknown cells), not for general LP.
/// </summary>
internal static class RationalSimplex
{
    /// <summary>Branch-and-bound nodes the attacker may spend on one objective before it gives up (see <see cref="Status.BudgetExceeded"/>).</summary>
    internal const int DefaultBranchBudget = 20_000;

    internal enum Status
    {
        Optimal,
        Unbounded,
        Infeasible,

        /// <summary>
        /// The LP optimum is fractional and branch and bound did not finish within its node budget: the integer optimum
        /// is not proven. Value is then the LP bound ⌊LP optimum⌋, which the integer optimum never exceeds.
        /// </summary>
        BudgetExceeded,
    }

    /// <summary>
    /// Max of <c>objective · x</c> (integer coefficients) over integer x ≥ 0 with A x = b. Value is the optimum when
    /// Optimal, the LP bound when <see cref="Status.BudgetExceeded"/>, and meaningless otherwise.
    /// </summary>
    internal static (Status Status, BigInteger Value) MaximizeInteger(IReadOnlyList<Rational[]> a, Rational[] b, int columns, Rational[] objective, Tableau? feasibleStart, int branchBudget = DefaultBranchBudget)
    {
        var root = feasibleStart ?? Tableau.Feasible(a, b, columns);
        if (root is null)
        {
            return (Status.Infeasible, BigInteger.Zero);
        }

        var lp = root.Maximize(objective);
        if (lp.Status != Status.Optimal)
        {
            return (lp.Status, BigInteger.Zero);
        }

        if (lp.Solution.All(x => x.IsInteger))
        {
            return (Status.Optimal, lp.Value.Numerator);
        }

        // Fractional vertex: the structure was not totally unimodular here, so search for the true integer optimum.
        BigInteger? best = null;
        var nodes = 0;
        var stack = new Stack<List<(int Var, bool Upper, BigInteger Bound)>>();
        stack.Push([]);
        while (stack.Count > 0)
        {
            if (++nodes > branchBudget)
            {
                // Not proven: report the LP bound (never below the integer optimum) and let the caller withhold more.
                return (Status.BudgetExceeded, lp.Value.Floor());
            }

            var bounds = stack.Pop();
            var (rows, rhs, cols) = WithBounds(a, b, columns, bounds);
            var tableau = Tableau.Feasible(rows, rhs, cols);
            if (tableau is null)
            {
                continue;
            }

            var nodeObjective = new Rational[cols];
            Array.Copy(objective, nodeObjective, columns);
            var node = tableau.Maximize(nodeObjective);
            if (node.Status == Status.Unbounded)
            {
                return (Status.Unbounded, BigInteger.Zero);
            }

            var ceiling = node.Value.Floor();
            if (best is { } incumbent && ceiling <= incumbent)
            {
                continue;
            }

            var fractional = Array.FindIndex(node.Solution, 0, columns, x => !x.IsInteger);
            if (fractional < 0)
            {
                best = node.Value.Numerator;
                continue;
            }

            var at = node.Solution[fractional];
            stack.Push([.. bounds, (fractional, true, at.Floor())]);
            stack.Push([.. bounds, (fractional, false, at.Ceiling())]);
        }

        return best is { } found ? (Status.Optimal, found) : (Status.Infeasible, BigInteger.Zero);
    }

    private static (List<Rational[]> Rows, Rational[] Rhs, int Columns) WithBounds(IReadOnlyList<Rational[]> a, Rational[] b, int columns, List<(int Var, bool Upper, BigInteger Bound)> bounds)
    {
        var cols = columns + bounds.Count;
        var rows = new List<Rational[]>(a.Count + bounds.Count);
        foreach (var row in a)
        {
            var wide = new Rational[cols];
            Array.Copy(row, wide, columns);
            rows.Add(wide);
        }

        var rhs = new Rational[a.Count + bounds.Count];
        Array.Copy(b, rhs, b.Length);
        for (var i = 0; i < bounds.Count; i++)
        {
            var (v, upper, bound) = bounds[i];
            var row = new Rational[cols];
            row[v] = Rational.One;
            row[columns + i] = upper ? Rational.One : -Rational.One;
            rows.Add(row);
            rhs[a.Count + i] = Rational.FromInteger((long)bound);
        }

        return (rows, rhs, cols);
    }

    internal sealed record Outcome(Status Status, Rational Value, Rational[] Solution);

    /// <summary>A basic feasible solution of A x = b, x ≥ 0 (after phase 1), reusable for many objectives.</summary>
    internal sealed class Tableau
    {
        private readonly List<Rational[]> rows;
        private readonly List<int> basis;
        private readonly int columns;

        private Tableau(List<Rational[]> rows, List<int> basis, int columns)
        {
            this.rows = rows;
            this.basis = basis;
            this.columns = columns;
        }

        /// <summary>Phase 1. Returns null when A x = b has no solution with x ≥ 0.</summary>
        internal static Tableau? Feasible(IReadOnlyList<Rational[]> a, Rational[] b, int columns)
        {
            var m = a.Count;
            var width = columns + m + 1;
            var rows = new List<Rational[]>(m);
            var basis = new List<int>(m);
            for (var i = 0; i < m; i++)
            {
                var negate = b[i].Sign < 0;
                var row = new Rational[width];
                for (var j = 0; j < columns; j++)
                {
                    row[j] = negate ? -a[i][j] : a[i][j];
                }

                row[columns + i] = Rational.One;
                row[width - 1] = negate ? -b[i] : b[i];
                rows.Add(row);
                basis.Add(columns + i);
            }

            var phaseOne = new Rational[columns + m];
            for (var i = 0; i < m; i++)
            {
                phaseOne[columns + i] = -Rational.One;
            }

            Run(rows, basis, phaseOne, columns + m);
            for (var i = 0; i < m; i++)
            {
                if (basis[i] >= columns && !rows[i][width - 1].IsZero)
                {
                    return null;
                }
            }

            for (var i = rows.Count - 1; i >= 0; i--)
            {
                if (basis[i] < columns)
                {
                    continue;
                }

                var entering = -1;
                for (var j = 0; j < columns; j++)
                {
                    if (!rows[i][j].IsZero)
                    {
                        entering = j;
                        break;
                    }
                }

                if (entering < 0)
                {
                    rows.RemoveAt(i);
                    basis.RemoveAt(i);
                }
                else
                {
                    Pivot(rows, basis, i, entering);
                }
            }

            var trimmed = rows.Select(r =>
            {
                var t = new Rational[columns + 1];
                Array.Copy(r, t, columns);
                t[columns] = r[width - 1];
                return t;
            }).ToList();
            return new Tableau(trimmed, basis, columns);
        }

        /// <summary>Phase 2 from this basis on a copy; the tableau itself is left untouched.</summary>
        internal Outcome Maximize(Rational[] objective)
        {
            var copy = rows.Select(r => (Rational[])r.Clone()).ToList();
            var b = new List<int>(basis);
            if (!Run(copy, b, objective, columns))
            {
                return new Outcome(Status.Unbounded, Rational.Zero, []);
            }

            var x = new Rational[columns];
            var value = Rational.Zero;
            for (var i = 0; i < copy.Count; i++)
            {
                var rhs = copy[i][^1];
                x[b[i]] = rhs;
                value += objective[b[i]] * rhs;
            }

            return new Outcome(Status.Optimal, value, x);
        }

        private static bool Run(List<Rational[]> rows, List<int> basis, Rational[] objective, int columns)
        {
            var isBasic = new bool[columns];
            while (true)
            {
                Array.Clear(isBasic);
                foreach (var j in basis)
                {
                    if (j < columns)
                    {
                        isBasic[j] = true;
                    }
                }

                var entering = -1;
                for (var j = 0; j < columns && entering < 0; j++)
                {
                    if (isBasic[j])
                    {
                        continue;
                    }

                    var reduced = objective[j];
                    for (var i = 0; i < rows.Count; i++)
                    {
                        var cb = objective[basis[i]];
                        if (!cb.IsZero && !rows[i][j].IsZero)
                        {
                            reduced -= cb * rows[i][j];
                        }
                    }

                    if (reduced.Sign > 0)
                    {
                        entering = j;
                    }
                }

                if (entering < 0)
                {
                    return true;
                }

                var leaving = -1;
                var bestRatio = Rational.Zero;
                for (var i = 0; i < rows.Count; i++)
                {
                    var coefficient = rows[i][entering];
                    if (coefficient.Sign <= 0)
                    {
                        continue;
                    }

                    var ratio = rows[i][^1] / coefficient;
                    if (leaving < 0 || ratio < bestRatio || (ratio == bestRatio && basis[i] < basis[leaving]))
                    {
                        leaving = i;
                        bestRatio = ratio;
                    }
                }

                if (leaving < 0)
                {
                    return false;
                }

                Pivot(rows, basis, leaving, entering);
            }
        }

        private static void Pivot(List<Rational[]> rows, List<int> basis, int pivotRow, int entering)
        {
            var row = rows[pivotRow];
            var pivot = row[entering];
            if (pivot != Rational.One)
            {
                for (var j = 0; j < row.Length; j++)
                {
                    if (!row[j].IsZero)
                    {
                        row[j] /= pivot;
                    }
                }
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (i == pivotRow || rows[i][entering].IsZero)
                {
                    continue;
                }

                var factor = rows[i][entering];
                var target = rows[i];
                for (var j = 0; j < row.Length; j++)
                {
                    if (!row[j].IsZero)
                    {
                        target[j] -= factor * row[j];
                    }
                }
            }

            basis[pivotRow] = entering;
        }
    }
}
