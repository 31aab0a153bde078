namespace Belonging.Core.Privacy;

/// <summary>How a cell ended up in the release (internal: the public surface never says which suppressed cells are primary).</summary>
internal enum CellStatus : byte
{
    Reported,
    Primary,
    Complementary,
    CrossRelease,
}

/// <summary>
/// Secondary suppression: greedy residual pass to a fixed point, then the exact attacker, adding the cheapest
/// complementary cell next to each still-narrowable sensitive cell until the attacker finds nothing.
/// Documented in docs/methods/secondary-suppression.md.
/// </summary>
internal static class ComplementarySuppression
{
    internal sealed record Outcome(CellStatus[] Status, Dictionary<int, VariableBounds> Bounds, int AttackerRounds, bool Passed);

    /// <param name="system">Cells and rows.</param>
    /// <param name="k">Threshold.</param>
    /// <param name="forced">Cells that must be suppressed regardless of size, with the status to record.</param>
    /// <param name="extraViolations">Further checks (cross-release rule): given the current unknown set, cells that must be added.</param>
    public static Outcome Run(CellSystem system, int k, IReadOnlyDictionary<int, CellStatus> forced, Func<bool[], IReadOnlyList<int>>? extraViolations = null)
    {
        var status = new CellStatus[system.CellCount];
        var unknown = new bool[system.VariableCount];
        for (var v = 0; v < system.VariableCount; v++)
        {
            if (!system.IsCell(v))
            {
                unknown[v] = true;
                continue;
            }

            if (system.Truth[v] < k)
            {
                status[v] = CellStatus.Primary;
                unknown[v] = true;
            }
            else if (forced.TryGetValue(v, out var why))
            {
                status[v] = why;
                unknown[v] = true;
            }
        }

        var sensitive = SensitiveVariables(system, k, unknown);
        var engine = new AttackEngine(system);
        var rounds = 0;
        while (true)
        {
            GreedyResiduals(system, k, status, unknown, sensitive);
            rounds++;
            var bounds = engine.Attack(unknown, sensitive);
            var additions = new SortedSet<int>();
            foreach (var v in sensitive.Order())
            {
                if (bounds[v].IsNarrowerThan(k) && NearestCandidate(system, unknown, v) is var pick and >= 0)
                {
                    additions.Add(pick);
                }
            }

            var crossRelease = (extraViolations?.Invoke(unknown) ?? []).Where(v => !unknown[v]).ToList();
            if (additions.Count == 0 && crossRelease.Count == 0)
            {
                var passed = bounds.Values.All(b => !b.IsNarrowerThan(k));
                var all = engine.Attack(unknown, Enumerable.Range(0, system.VariableCount).Where(v => unknown[v]));
                return new Outcome(status, all, rounds, passed);
            }

            foreach (var c in additions)
            {
                status[c] = CellStatus.Complementary;
                unknown[c] = true;
            }

            foreach (var c in crossRelease)
            {
                status[c] = CellStatus.CrossRelease;
                unknown[c] = true;
            }
        }
    }

    /// <summary>
    /// The withheld counts the proof obligation covers: every group of 1..k−1 people, and every empty part of such a
    /// group's breakdown (at any depth). Pinning those zeros would tell the attacker which values the small group's
    /// members do not have — with one person, their attribute ("if the CEO answered, the CEO is 35–44").
    /// </summary>
    internal static HashSet<int> SensitiveVariables(CellSystem system, int k, bool[] unknown)
    {
        var sensitive = new HashSet<int>();
        for (var v = 0; v < system.VariableCount; v++)
        {
            if (!unknown[v])
            {
                continue;
            }

            var truth = system.Truth[v];
            if ((truth >= 1 && truth < k) || (truth == 0 && SplitsSmallGroup(system, k, v)))
            {
                sensitive.Add(v);
            }
        }

        return sensitive;
    }

    private static bool SplitsSmallGroup(CellSystem system, int k, int v)
    {
        var stack = new Stack<int>(system.ParentsOf(v));
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            var truth = system.Truth[p];
            if (truth >= 1 && truth < k)
            {
                return true;
            }

            if (truth == 0)
            {
                foreach (var q in system.ParentsOf(p))
                {
                    stack.Push(q);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// For every row whose unknown part is a plain sum (all coefficients of one sign) the attacker learns that sum exactly.
    /// If it holds between 1 and k−1 people and covers a sensitive variable, suppress the row's smallest released cell.
    /// </summary>
    private static void GreedyResiduals(CellSystem system, int k, CellStatus[] status, bool[] unknown, HashSet<int> sensitive)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var row in system.Rows)
            {
                var sum = 0;
                var signs = 0;
                var mixed = false;
                var touchesSensitive = false;
                var count = 0;
                foreach (var (v, coef) in row)
                {
                    if (!unknown[v])
                    {
                        continue;
                    }

                    count++;
                    sum += system.Truth[v];
                    touchesSensitive |= sensitive.Contains(v);
                    if (signs != 0 && signs != coef)
                    {
                        mixed = true;
                    }

                    signs = coef;
                }

                if (count == 0 || mixed || !touchesSensitive || sum >= k)
                {
                    continue;
                }

                var pick = SmallestReleased(system, unknown, row.Select(e => e.Var));
                if (pick >= 0)
                {
                    status[pick] = CellStatus.Complementary;
                    unknown[pick] = true;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>Breadth-first over rows from <paramref name="start"/>: the smallest released cell in the nearest rows.</summary>
    private static int NearestCandidate(CellSystem system, bool[] unknown, int start)
    {
        var seenVars = new HashSet<int> { start };
        var seenRows = new HashSet<int>();
        var frontier = new List<int> { start };
        while (frontier.Count > 0)
        {
            var rows = frontier.SelectMany(v => system.RowsOf[v]).Where(seenRows.Add).ToList();
            var pick = SmallestReleased(system, unknown, rows.SelectMany(r => system.Rows[r].Select(e => e.Var)));
            if (pick >= 0)
            {
                return pick;
            }

            frontier = rows.SelectMany(r => system.Rows[r].Select(e => e.Var)).Where(v => unknown[v] && seenVars.Add(v)).ToList();
        }

        return -1;
    }

    private static int SmallestReleased(CellSystem system, bool[] unknown, IEnumerable<int> candidates)
    {
        var best = -1;
        foreach (var v in candidates)
        {
            if (unknown[v] || !system.IsCell(v))
            {
                continue;
            }

            if (best < 0 || system.Truth[v] < system.Truth[best] || (system.Truth[v] == system.Truth[best] && v < best))
            {
                best = v;
            }
        }

        return best;
    }
}
