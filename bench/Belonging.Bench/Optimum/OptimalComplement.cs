using System.Diagnostics;
using System.Globalization;
using Belonging.Core.Privacy;
using Google.OrTools.LinearSolver;
using Google.OrTools.Sat;

namespace Belonging.Bench.Optimum;

/// <summary>What the integer program minimises.</summary>
internal enum OptimumObjective
{
    /// <summary>Cells withheld to protect others.</summary>
    Cells,

    /// <summary>Respondents in the cells withheld to protect others (a person counts once per withheld cell).</summary>
    Respondents,
}

/// <summary>The outcome of one optimisation.</summary>
/// <param name="Value">Objective of the best protected choice known (the master's when it converged, else the heuristic's).</param>
/// <param name="LowerBound">A proven lower bound on the optimum (equal to <paramref name="Value"/> when <paramref name="Proven"/>).</param>
/// <param name="Proven">True when the master was solved to optimality and its solution passed the attacker: the optimum.</param>
/// <param name="Iterations">Master solves.</param>
/// <param name="Cuts">Cover cuts added (distinct).</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="Withheld">Cells of the best protected choice known.</param>
/// <param name="Stop">Why the loop stopped.</param>
internal sealed record OptimumResult(long Value, long LowerBound, bool Proven, int Iterations, int Cuts, double Seconds, IReadOnlyList<CellKey> Withheld, string Stop);

/// <summary>
/// The minimum complement as an integer program, solved by cut generation: a CP-SAT master over one binary per free
/// cell (withheld or not) with necessary constraints stated up front, checked after each solve by the product's exact
/// attacker; every quantity it can still narrow below k adds a cover cut, until the master's optimum is protected.
/// The master only ever holds valid constraints, so its optimum is always a lower bound on the true optimum, and the
/// first master optimum that the attacker accepts is the optimum. Documented in docs/methods/secondary-suppression.md,
/// "Against the optimum".
/// </summary>
internal static class OptimalComplement
{
    /// <param name="problem">The problem.</param>
    /// <param name="objective">What to minimise.</param>
    /// <param name="timeLimitSeconds">Wall-clock budget for the whole loop.</param>
    /// <param name="workers">CP-SAT worker threads (1–2 on the shared machine).</param>
    /// <param name="log">Progress lines, or null.</param>
    /// <param name="scip">True for SCIP (single thread) as the master, false for CP-SAT.</param>
    public static OptimumResult Solve(SuppressionProblem problem, OptimumObjective objective, double timeLimitSeconds, int workers = 2, TextWriter? log = null, bool scip = true)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        var system = problem.System;
        long Weight(int c) => objective == OptimumObjective.Cells ? 1 : system.Truth[c];
        using var master = scip ? new ScipMaster(problem.Free, Weight) : (Master)new CpSatMaster(problem.Free, Weight, workers);
        AddNecessaryConstraints(problem, master);

        var bestValue = problem.Free.Where(c => problem.Heuristic[c]).Sum(Weight);
        var best = problem.Free.Where(c => problem.Heuristic[c]).ToList();
        var hint = best;
        long lowerBound = 0;
        var engine = new AttackEngine(system);
        var cuts = new HashSet<string>(StringComparer.Ordinal);
        var iterations = 0;
        var proven = false;
        var stop = "time limit";
        while (true)
        {
            var remaining = timeLimitSeconds - clock.Elapsed.TotalSeconds;
            if (remaining <= 0.5)
            {
                break;
            }

            var (status, bound, chosen) = master.Solve(hint, remaining);
            iterations++;
            if (status == MasterStatus.Infeasible)
            {
                // Withholding every free cell satisfies every cut, so this is a bug, never an answer.
                throw new InvalidOperationException("The master became infeasible: a cut or constraint is not valid.");
            }

            if (status == MasterStatus.NoSolution)
            {
                break;
            }

            lowerBound = Math.Max(lowerBound, (long)Math.Ceiling(bound - 1e-6));
            var candidate = chosen;
            var value = candidate.Sum(Weight);
            var unknown = problem.Mask(candidate);
            var violations = problem.Violations(engine, unknown);
            log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    iteration {iterations}: master {status} value={value} bound={lowerBound} violations={violations.Count} cuts={cuts.Count} seconds={clock.Elapsed.TotalSeconds:F1}"));
            if (violations.Count == 0)
            {
                if (value < bestValue)
                {
                    (bestValue, best) = (value, candidate);
                }

                if (status == MasterStatus.Optimal)
                {
                    proven = true;
                    lowerBound = value;
                    stop = "optimal";
                }

                break;
            }

            var component = problem.Components(unknown);
            var added = 0;
            foreach (var group in violations.GroupBy(v => string.Join(',', v.Order())))
            {
                var cut = problem.DualCut(group.First(), unknown, component) ?? problem.CoverCut(group.First(), unknown, component);
                if (cut.Length == 0)
                {
                    throw new InvalidOperationException("A quantity is narrower than k with every cell around it withheld.");
                }

                if (cuts.Add(string.Join(',', cut)))
                {
                    master.AtLeastOne(cut);
                    added++;
                }
            }

            if (added == 0)
            {
                throw new InvalidOperationException("A violated candidate produced no new cut.");
            }

            hint = candidate;
        }

        return new OptimumResult(bestValue, Math.Min(lowerBound, bestValue), proven, iterations, cuts.Count, clock.Elapsed.TotalSeconds,
            [.. best.Select(c => system.Keys[c])], stop);
    }

    /// <summary>
    /// Constraints every protected choice satisfies (or that lose nothing), stated before the first solve:
    /// (1) in a row, a sensitive variable is never left where the attacker learns it from that row alone — alone, or
    /// with only same-sign unknowns whose true counts sum below k (the greedy residual pass's rule); every free cell holds
    /// at least k, so one more free cell in the row is enough, and the constraint is "at least one free cell of the row";
    /// (2) a withheld free cell is never the only unknown of a row: the row would give it back, so showing it changes
    /// nothing the attacker knows and costs less; an optimum therefore never does it.
    /// </summary>
    private static void AddNecessaryConstraints(SuppressionProblem problem, Master master)
    {
        var system = problem.System;
        var k = problem.K;
        foreach (var j in problem.Sensitive)
        {
            foreach (var r in system.RowsOf[j])
            {
                var row = system.Rows[r];
                var sign = row.First(e => e.Var == j).Coef;
                var others = row.Where(e => e.Var != j && problem.FixedUnknown[e.Var]).ToList();
                var settled = others.Any(e => e.Coef != sign) || (others.Count > 0 && system.Truth[j] + others.Sum(e => (long)system.Truth[e.Var]) >= k);
                if (!settled)
                {
                    var free = row.Where(e => !problem.FixedUnknown[e.Var]).Select(e => e.Var).ToList();
                    if (free.Count > 0)
                    {
                        master.AtLeastOne(free);
                    }
                }
            }
        }

        foreach (var c in problem.Free)
        {
            foreach (var r in system.RowsOf[c])
            {
                var row = system.Rows[r];
                if (row.Any(e => e.Var != c && problem.FixedUnknown[e.Var]))
                {
                    continue;
                }

                master.NotAlone(c, [.. row.Where(e => e.Var != c).Select(e => e.Var)]);
            }
        }
    }

    private enum MasterStatus
    {
        Optimal,
        Feasible,
        NoSolution,
        Infeasible,
    }

    /// <summary>The master integer program: one binary per free cell, a weighted sum to minimise, clauses added over time.</summary>
    private abstract class Master : IDisposable
    {
        /// <summary>At least one of <paramref name="cells"/> is withheld.</summary>
        public abstract void AtLeastOne(IReadOnlyCollection<int> cells);

        /// <summary>If <paramref name="cell"/> is withheld, so is at least one of <paramref name="others"/>.</summary>
        public abstract void NotAlone(int cell, IReadOnlyCollection<int> others);

        /// <summary>Solves from scratch with <paramref name="hint"/> as a starting solution: status, proven bound and the withheld cells.</summary>
        public abstract (MasterStatus Status, double Bound, List<int> Withheld) Solve(IReadOnlyCollection<int> hint, double seconds);

        public virtual void Dispose() => GC.SuppressFinalize(this);
    }

    private sealed class CpSatMaster : Master
    {
        private readonly CpModel model = new();
        private readonly Dictionary<int, BoolVar> x;
        private readonly int workers;

        public CpSatMaster(int[] free, Func<int, long> weight, int workers)
        {
            this.workers = workers;
            x = free.ToDictionary(c => c, c => model.NewBoolVar("x" + c.ToString(CultureInfo.InvariantCulture)));
            model.Minimize(Google.OrTools.Sat.LinearExpr.WeightedSum(free.Select(c => x[c]), free.Select(weight)));
        }

        public override void AtLeastOne(IReadOnlyCollection<int> cells) => model.AddBoolOr(cells.Select(c => (ILiteral)x[c]));

        public override void NotAlone(int cell, IReadOnlyCollection<int> others) => model.AddBoolOr([x[cell].Not(), .. others.Select(c => (ILiteral)x[c])]);

        public override (MasterStatus, double, List<int>) Solve(IReadOnlyCollection<int> hint, double seconds)
        {
            model.ClearHints();
            var hinted = hint.ToHashSet();
            foreach (var (c, v) in x)
            {
                model.AddHint(v, hinted.Contains(c));
            }

            var solver = new CpSolver
            {
                StringParameters = string.Create(CultureInfo.InvariantCulture, $"num_workers:{workers} max_time_in_seconds:{seconds:F1} random_seed:1"),
            };
            var status = solver.Solve(model);
            return status switch
            {
                CpSolverStatus.Optimal or CpSolverStatus.Feasible => (status == CpSolverStatus.Optimal ? MasterStatus.Optimal : MasterStatus.Feasible, solver.BestObjectiveBound, [.. x.Where(e => solver.BooleanValue(e.Value)).Select(e => e.Key).Order()]),
                CpSolverStatus.Infeasible => (MasterStatus.Infeasible, 0, []),
                _ => (MasterStatus.NoSolution, 0, []),
            };
        }
    }

    private sealed class ScipMaster : Master
    {
        private readonly Solver solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        private readonly Dictionary<int, Variable> x;

        public ScipMaster(int[] free, Func<int, long> weight)
        {
            x = free.ToDictionary(c => c, c => solver.MakeBoolVar("x" + c.ToString(CultureInfo.InvariantCulture)));
            var objective = solver.Objective();
            foreach (var c in free)
            {
                objective.SetCoefficient(x[c], weight(c));
            }

            objective.SetMinimization();
        }

        public override void AtLeastOne(IReadOnlyCollection<int> cells)
        {
            var ct = solver.MakeConstraint(1, double.PositiveInfinity);
            foreach (var c in cells)
            {
                ct.SetCoefficient(x[c], 1);
            }
        }

        public override void NotAlone(int cell, IReadOnlyCollection<int> others)
        {
            var ct = solver.MakeConstraint(0, double.PositiveInfinity);
            ct.SetCoefficient(x[cell], -1);
            foreach (var c in others)
            {
                ct.SetCoefficient(x[c], 1);
            }
        }

        public override (MasterStatus, double, List<int>) Solve(IReadOnlyCollection<int> hint, double seconds)
        {
            var hinted = hint.ToHashSet();
            solver.SetHint([.. x.Values], [.. x.Keys.Select(c => hinted.Contains(c) ? 1.0 : 0.0)]);
            solver.SetTimeLimit((long)(seconds * 1000));
            // The default relative gap (1e-4) would call a solution optimal up to a fraction of a respondent or more.
            using var exact = new MPSolverParameters();
            exact.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
            var status = solver.Solve(exact);
            return status switch
            {
                Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE => (status == Solver.ResultStatus.OPTIMAL ? MasterStatus.Optimal : MasterStatus.Feasible, solver.Objective().BestBound(), [.. x.Where(e => e.Value.SolutionValue() > 0.5).Select(e => e.Key).Order()]),
                Solver.ResultStatus.INFEASIBLE => (MasterStatus.Infeasible, 0, []),
                _ => (MasterStatus.NoSolution, 0, []),
            };
        }

        public override void Dispose()
        {
            solver.Dispose();
            base.Dispose();
        }
    }
}
