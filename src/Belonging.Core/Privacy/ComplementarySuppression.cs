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
    /// <param name="branchBudget">The attacker's branch-and-bound budget per objective; a bound it cannot prove within it counts as narrow.</param>
    /// <remarks>
    /// Sensitive, i.e. the attacker must not narrow them below k wide: every unknown holding 1..k−1 people; every cell
    /// withheld by the cross-release rule (its change from an earlier published count is what is hidden, and pinning the
    /// cell in this release pins that change); and the complement of every attribute-disclosure part
    /// (<see cref="CellSystem.AttributeDisclosures"/>), which is withheld as primary.
    /// </remarks>
    /// <param name="attributeDisclosure">False for a figure's own answerer counts (<see cref="CampaignRelease.WithFigures"/>): that everyone in a unit who answered one question shares a value names nobody.</param>
    public static Outcome Run(CellSystem system, int k, IReadOnlyDictionary<int, CellStatus> forced, Func<bool[], IReadOnlyList<int>>? extraViolations = null, int branchBudget = RationalSimplex.DefaultBranchBudget, bool attributeDisclosure = true)
    {
        var status = new CellStatus[system.CellCount];
        var unknown = new bool[system.VariableCount];
        var disclosures = attributeDisclosure ? system.AttributeDisclosures(k) : [];
        var disclosing = disclosures.Select(d => d.Cell).ToHashSet();
        for (var v = 0; v < system.VariableCount; v++)
        {
            if (!system.IsCell(v))
            {
                unknown[v] = true;
                continue;
            }

            if (system.Truth[v] < k || disclosing.Contains(v))
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

        var sensitive = Enumerable.Range(0, system.VariableCount)
            .Where(v => unknown[v] && system.Truth[v] >= 1 && system.Truth[v] < k)
            .Concat(forced.Where(f => f.Value == CellStatus.CrossRelease).Select(f => f.Key))
            .ToHashSet();
        var complements = disclosures.Select(d => d.Complement).ToList();
        var engine = new AttackEngine(system, branchBudget);
        var rounds = 0;
        while (true)
        {
            sensitive.UnionWith(Enumerable.Range(0, system.CellCount).Where(v => status[v] == CellStatus.CrossRelease));
            GreedyResiduals(system, k, status, unknown, sensitive);
            rounds++;
            var bounds = engine.Attack(unknown, sensitive);
            var complementBounds = engine.AttackSums(unknown, complements);
            var additions = new SortedSet<int>();
            foreach (var v in sensitive.Order())
            {
                if (bounds[v].IsNarrowerThan(k) && NearestCandidate(system, unknown, v) is var pick and >= 0)
                {
                    additions.Add(pick);
                }
            }

            for (var i = 0; i < disclosures.Count; i++)
            {
                if (complementBounds[i].IsNarrowerThan(k) && NearestCandidate(system, unknown, disclosures[i].Cell) is var pick and >= 0)
                {
                    additions.Add(pick);
                }
            }

            var crossRelease = (extraViolations?.Invoke(unknown) ?? []).Where(v => !unknown[v]).ToList();
            if (additions.Count == 0 && crossRelease.Count == 0)
            {
                var passed = bounds.Values.All(b => !b.IsNarrowerThan(k)) && complementBounds.All(b => !b.IsNarrowerThan(k));
                var all = engine.Attack(unknown, Enumerable.Range(0, system.VariableCount).Where(v => unknown[v]));
                return new Outcome(status, all, rounds, passed);
            }

            foreach (var c in additions)
            {
                Withhold(system, status, unknown, c, CellStatus.Complementary);
            }

            foreach (var c in crossRelease)
            {
                Withhold(system, status, unknown, c, CellStatus.CrossRelease);
            }
        }
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
                    Withhold(system, status, unknown, pick, CellStatus.Complementary);
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>
    /// Withholds <paramref name="cell"/> together with its companions: for every row in which it is the only unknown
    /// (the row would give it straight back), the cheapest other released cell of that row is withheld too, and so on
    /// for the companions. A complement that protects nothing on its own is never left alone, which keeps later rounds
    /// from reaching for ever larger cells (up to the organisation total) instead.
    /// </summary>
    private static void Withhold(CellSystem system, CellStatus[] status, bool[] unknown, int cell, CellStatus why)
    {
        if (unknown[cell])
        {
            return;
        }

        status[cell] = why;
        unknown[cell] = true;
        var pending = new Queue<int>([cell]);
        while (pending.Count > 0)
        {
            var c = pending.Dequeue();
            foreach (var r in system.RowsOf[c])
            {
                var row = system.Rows[r];
                if (row.Any(e => e.Var != c && unknown[e.Var]))
                {
                    continue;
                }

                var companion = SmallestReleased(system, unknown, row.Select(e => e.Var));
                if (companion >= 0)
                {
                    status[companion] = CellStatus.Complementary;
                    unknown[companion] = true;
                    pending.Enqueue(companion);
                }
            }
        }
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

    /// <summary>
    /// The cheapest released cell among <paramref name="candidates"/>. Cost = its count plus, for every row in which it
    /// would be the only unknown (that row would give it straight back), the smallest other released count in that row —
    /// the cell that must go with it. So a division whose teams are all shown costs the division and its smallest team,
    /// and the organisation total, pinned by each of its breakdowns, is only taken when nothing cheaper protects the
    /// group. Ties: smaller count, then canonical order.
    /// </summary>
    private static int SmallestReleased(CellSystem system, bool[] unknown, IEnumerable<int> candidates)
    {
        var best = -1;
        long bestCost = long.MaxValue;
        foreach (var v in candidates)
        {
            if (unknown[v] || !system.IsCell(v))
            {
                continue;
            }

            var cost = Cost(system, unknown, v);
            if (best < 0 || cost < bestCost
                || (cost == bestCost && (system.Truth[v] < system.Truth[best] || (system.Truth[v] == system.Truth[best] && v < best))))
            {
                best = v;
                bestCost = cost;
            }
        }

        return best;
    }

    /// <summary>One-step look-ahead cost of withholding <paramref name="v"/> (see <see cref="SmallestReleased"/>).</summary>
    private static long Cost(CellSystem system, bool[] unknown, int v)
    {
        long cost = system.Truth[v];
        foreach (var r in system.RowsOf[v])
        {
            var pinned = true;
            var cheapest = long.MaxValue;
            foreach (var (w, _) in system.Rows[r])
            {
                if (w == v)
                {
                    continue;
                }

                if (unknown[w])
                {
                    pinned = false;
                    break;
                }

                cheapest = Math.Min(cheapest, system.Truth[w]);
            }

            if (pinned && cheapest != long.MaxValue)
            {
                cost += cheapest;
            }
        }

        return cost;
    }
}
