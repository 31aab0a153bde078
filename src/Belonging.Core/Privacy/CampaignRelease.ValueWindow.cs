namespace Belonging.Core.Privacy;

/// <content>
/// The cross-release rule's exemption for large groups, whose published rounding already hides a small change, and
/// the gate for analyses (drivers, reliability), which are not rounded and so never rely on it.
/// </content>
public sealed partial class CampaignRelease
{
    /// <summary>
    /// Against one earlier release: which cells reported there and changed by 1..k − 1 may stay reported because the
    /// change is hidden by this release's rounding at the finest precision that hides it
    /// (<see cref="ValueWindow.PrecisionFor"/>: whole points for large cells, coarser steps for small ones) and, for a breakdown or
    /// intersection cell, because the change of its unit's whole breakdown involves at least k people (so the
    /// published counts never tell the attribute of fewer than k changed people: "one more person with a disability
    /// answered, the month Bob joined" stays hidden).
    /// </summary>
    /// <param name="system">This release's cells (true counts: its own respondents or a figure's answerers).</param>
    /// <param name="k">Threshold.</param>
    /// <param name="before">The earlier release as it was published (the same figure's view, for a figure).</param>
    /// <param name="valueFigure">False for counts whose change shows answers exactly (an item's distribution): nothing is exempt.</param>
    /// <param name="basePrecision">Per cell: the precision it is published at before this change (its size's, <see cref="ValueWindow.ForSize"/>).</param>
    /// <param name="churn">Per cell: the roster churn since <paramref name="before"/> (<see cref="Churn"/>), or null when unknown.</param>
    /// <returns>Exempt flags per cell, and per cell whether its breakdown's change involves at least k people (true for unit cells).</returns>
    private static ChangeWindow ValueWindowExemptions(CellSystem system, int k, CampaignRelease before, bool valueFigure, double[] basePrecision, long[]? churn)
    {
        var exempt = new bool[system.CellCount];
        var composed = new bool[system.CellCount];
        var precision = (double[])basePrecision.Clone();
        // The people a breakdown's change involves: at least the sum of its published value cells' changes.
        var moved = Enumerable.Range(0, system.CellCount)
            .Where(i => system.Keys[i].First is not null)
            .GroupBy(i => BreakdownOf(system.Keys[i]))
            .ToDictionary(g => g.Key, g => g.Sum(i => before.ReportedCount(system.Keys[i]) is { } n ? (long)Math.Abs(system.Truth[i] - n) : 0));
        for (var i = 0; i < system.CellCount; i++)
        {
            var key = system.Keys[i];
            composed[i] = key.First is null || moved[BreakdownOf(key)] >= k;
            // A change of people without a change of count (a joiner replacing a leaver) tells no attribute by counts.
            if (valueFigure && before.ReportedCount(key) is { } n && (composed[i] || system.Truth[i] == n)
                && Change(system, i, n, churn, k) is > 0 and var change && change < k
                && ValueWindow.PrecisionFor(system.Truth[i], change) is { } q)
            {
                exempt[i] = true;
                precision[i] = Math.Max(precision[i], q);
            }
        }

        return new ChangeWindow(exempt, composed, valueFigure, precision, churn);
    }

    /// <summary>
    /// The cross-release cell rule against every earlier release: a cell shown there whose count changed by 1..k − 1 and
    /// that the value window does not keep is withheld (status cross-release, sensitive even where a published version
    /// withheld it too); a kept cell takes the coarsest step any earlier release needs, and every route to it must hide
    /// as much (<see cref="CoarsenRows"/>). For exact counts (<see cref="ChangeWindow.Values"/> false) nothing is kept.
    /// </summary>
    /// <param name="system">This release's cells (head counts, or one figure's answerer counts).</param>
    /// <param name="k">Threshold.</param>
    /// <param name="earlier">The earlier releases (or their views of the same figure), newest first.</param>
    /// <param name="windows">Their exemptions, in the same order.</param>
    /// <param name="forced">Forced statuses; cross-release cells are added.</param>
    /// <param name="precision">Per cell: its precision so far; raised in place.</param>
    private static void ApplyCellRule(CellSystem system, int k, List<CampaignRelease> earlier, List<ChangeWindow> windows, Dictionary<int, CellStatus> forced, double[] precision)
    {
        for (var e = 0; e < earlier.Count; e++)
        {
            for (var i = 0; i < system.CellCount; i++)
            {
                if (earlier[e].ReportedCount(system.Keys[i]) is { } n && Change(system, i, n, windows[e].Churn, k) is > 0 and var change && change < k && !windows[e].Exempt[i])
                {
                    forced[i] = CellStatus.CrossRelease;
                }

                precision[i] = Math.Max(precision[i], windows[e].Precision[i]);
            }
        }

        if (windows.Any(w => w.Values))
        {
            foreach (var cell in CoarsenRows(system, precision, ExemptChanges(system, k, earlier, windows)))
            {
                forced[cell] = CellStatus.CrossRelease;
            }
        }
    }

    /// <summary>Per cell: the step its size supports (<see cref="ValueWindow.ForSize"/>), before any change since an earlier release.</summary>
    private static double[] SizePrecision(CellSystem system) => [.. system.Truth.Take(system.CellCount).Select(n => ValueWindow.ForSize(n))];

    /// <summary>
    /// True when cell <paramref name="cell"/>'s count, or the people in it (roster churn, <see cref="Change"/>), changed
    /// by 1..k − 1 since any of <paramref name="earlier"/> that showed it.
    /// </summary>
    private static bool ChangedByFew(CellSystem system, int cell, List<CampaignRelease> earlier, IReadOnlyList<long[]?> churns, int k) =>
        earlier.Select((e, j) => (e, j)).Any(x => x.e.ReportedCount(system.Keys[cell]) is { } before && Change(system, cell, before, churns[x.j], k) is > 0 and var change && change < k);

    /// <summary>
    /// A cell kept by the value window can also be rebuilt from the other cells of any row it is in (a team from its
    /// department minus its sibling teams), whose rounding may be finer than its own: the other cells' windows add up
    /// to the window of that route. For every row made only of cells, and every cell in it whose count changed by
    /// <paramref name="change"/> = 1..k − 1 people and stays reported, the other cells together must hide as many points
    /// as the cell itself (Σ n × q ≥ 100 × change, counting every other cell as published, which is the worst case).
    /// Where they do not, the largest other cell is published one step coarser, and again, until they do; where even
    /// 25-point steps everywhere do not, the cell is withheld instead. Cells holding the same people are coarsened
    /// together. Routes through two rows sharing a cell are checked the same way (<see cref="Routes"/>); longer ones
    /// add the windows of more cells and are not. Decided from counts only, never from answers, in canonical order (like
    /// the suppression pattern itself, a step may depend on counts that end up withheld).
    /// </summary>
    /// <param name="system">The release's cells (true counts).</param>
    /// <param name="precision">Per cell: its precision so far; raised in place.</param>
    /// <param name="change">Per cell: the largest change of 1..k − 1 the value window let it keep (0 otherwise).</param>
    /// <returns>Cells to withhold because no rounding of their rows hides their change.</returns>
    private static List<int> CoarsenRows(CellSystem system, double[] precision, long[] change)
    {
        // Cells holding the same people (a unit with a single child and nobody attached directly: the row x = y) stand
        // in for each other in any route, so they are always coarsened together.
        var same = new AttackEngine.DisjointSets(system.CellCount);
        foreach (var row in system.Rows.Where(r => r.Length == 2 && r.All(e => system.IsCell(e.Var)) && r[0].Coef == -r[1].Coef))
        {
            same.Union(row[0].Var, row[1].Var);
        }

        var withheld = new SortedSet<int>();
        for (var cell = 0; cell < system.CellCount; cell++)
        {
            if (change[cell] == 0)
            {
                continue;
            }

            foreach (var route in Routes(system, cell))
            {
                double Hidden() => route.Sum(e => e.Weight * system.Truth[e.Var] * precision[e.Var]);
                while (!withheld.Contains(cell) && Hidden() < ValueWindow.Scale * change[cell])
                {
                    var coarsen = route.Where(e => ValueWindow.Coarser(precision[e.Var]) is not null)
                        .OrderByDescending(e => e.Weight * system.Truth[e.Var]).ThenBy(e => e.Var).Select(e => (int?)e.Var).FirstOrDefault();
                    if (coarsen is not { } other)
                    {
                        withheld.Add(cell);
                        break;
                    }

                    var coarser = ValueWindow.Coarser(precision[other])!.Value;
                    for (var i = 0; i < system.CellCount; i++)
                    {
                        if (same.Find(i) == same.Find(other))
                        {
                            precision[i] = Math.Max(precision[i], coarser);
                        }
                    }
                }
            }
        }

        return [.. withheld];
    }

    /// <summary>
    /// The ways to rebuild <paramref name="cell"/> from other cells through one row, or through two rows that share a
    /// cell (a team from its division minus the sibling department minus its sibling team): for each, the other cells
    /// with the weight they enter with (the route's window is Σ weight × n × q). Rows holding a hidden remainder are no
    /// route. Longer routes add further cells' windows and are not listed.
    /// </summary>
    private static List<List<(int Var, double Weight)>> Routes(CellSystem system, int cell)
    {
        bool AllCells(int r) => system.Rows[r].All(e => system.IsCell(e.Var));
        var routes = new List<List<(int Var, double Weight)>>();
        foreach (var r1 in system.RowsOf[cell].Where(AllCells).Distinct())
        {
            var first = system.Rows[r1].ToDictionary(e => e.Var, e => (double)e.Coef);
            routes.Add(Route(first, cell));
            foreach (var (p, coefP) in system.Rows[r1].Where(e => e.Var != cell))
            {
                foreach (var r2 in system.RowsOf[p].Where(r => r != r1 && AllCells(r)).Distinct())
                {
                    // first + λ × second, with λ chosen so that p cancels.
                    var second = system.Rows[r2].ToDictionary(e => e.Var, e => (double)e.Coef);
                    var lambda = -coefP / second[p];
                    var combined = new Dictionary<int, double>(first);
                    foreach (var (v, c) in second)
                    {
                        combined[v] = combined.GetValueOrDefault(v) + (lambda * c);
                    }

                    if (Math.Abs(combined.GetValueOrDefault(cell)) > 1e-9)
                    {
                        routes.Add(Route(combined, cell));
                    }
                }
            }
        }

        return routes;
    }

    /// <summary>The other cells of a combination that determines <paramref name="cell"/>, each weighted by |its coefficient / the cell's|.</summary>
    private static List<(int Var, double Weight)> Route(Dictionary<int, double> combination, int cell)
    {
        var own = Math.Abs(combination[cell]);
        return [.. combination.Where(e => e.Key != cell && Math.Abs(e.Value) > 1e-9).OrderBy(e => e.Key).Select(e => (e.Key, Math.Abs(e.Value) / own))];
    }

    /// <summary>Per cell: the largest change of 1..k − 1 people (against any earlier release) the value window let it keep.</summary>
    private static long[] ExemptChanges(CellSystem system, int k, List<CampaignRelease> earlier, List<ChangeWindow> windows)
    {
        var change = new long[system.CellCount];
        for (var e = 0; e < earlier.Count; e++)
        {
            for (var i = 0; i < system.CellCount; i++)
            {
                if (windows[e].Exempt[i] && earlier[e].ReportedCount(system.Keys[i]) is { } n)
                {
                    change[i] = Math.Max(change[i], Change(system, i, n, windows[e].Churn, k));
                }
            }
        }

        return change;
    }

    /// <summary>
    /// True when a row that pins a change of <paramref name="change"/> people (1..k − 1) in its withheld part tells
    /// nothing that the published figures do not already protect: the row's published cells together hold enough
    /// respondents that their rounding hides the changed people's mean (the only way to their answers goes through
    /// those cells' figures), and every breakdown it touches
    /// changed by at least k people unless no value cell of the row is published (a unit set against all its values
    /// together says nothing about which value changed).
    /// </summary>
    private static bool RowChangeHidden(CellSystem system, IReadOnlyList<(int Var, int Coef)> row, bool[] unknown, CampaignRelease previous, ChangeWindow window, long change)
    {
        if (!window.Values)
        {
            return false;
        }

        // A breakdown whose change involves fewer than k people: the row tells which value they hold unless it sets a
        // unit against all of its values together (no published value cell to tell them apart).
        var valuesPublished = row.Any(e => system.IsCell(e.Var) && !unknown[e.Var] && system.Keys[e.Var].First is not null);
        double published = 0;
        foreach (var (v, _) in row)
        {
            if (!system.IsCell(v))
            {
                continue;
            }

            if (!window.Composed[v] && valuesPublished)
            {
                return false;
            }

            // A published cell whose count changed by 1..k − 1 is exempt (the rest were withheld before the first round);
            // its rounding hides n × q points of the changed people's sum, at the precision it is published at.
            if (!unknown[v] && previous.ReportedCount(system.Keys[v]) is not null)
            {
                published += system.Truth[v] * window.Precision[v];
            }
        }

        return published >= ValueWindow.Scale * change;
    }

    /// <summary>
    /// Per cell in canonical order: the precision its mean figures are published at (<see cref="ValueWindow.Precision"/>
    /// unless a change of a few people since an earlier release needs a coarser step, <see cref="ValueWindow.PrecisionFor"/>).
    /// Null means whole points everywhere.
    /// </summary>
    private double[]? CellPrecision { get; init; }

    /// <summary>
    /// The precision, in points of the 0–100 scale, at which a cell's mean figures (index, components, outcome,
    /// % favourable, their intervals and the mean and SD behind gaps and trends) are published: whole points, or a
    /// coarser step where the cell's count changed by fewer than k people since an earlier release and that step is
    /// what hides them (docs/methods/cross-release.md, "Small groups: coarser figures"). Pages say when it is coarser.
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The precision (whole points for cells outside the release).</returns>
    public double PrecisionOf(CellKey cell) =>
        CellPrecision is { } p && system.Index.TryGetValue(cell, out var i) ? p[i] : ValueWindow.Precision;

    /// <summary>Merges the precisions figures inside reported cells need (<see cref="WithFigures"/>) into the cells' own: the coarsest wins.</summary>
    private double[]? MergePrecision(IEnumerable<double[]> figures)
    {
        var merged = CellPrecision is { } own ? (double[])own.Clone() : null;
        foreach (var figure in figures)
        {
            merged ??= Enumerable.Repeat(ValueWindow.Precision, system.CellCount).ToArray();
            for (var i = 0; i < merged.Length; i++)
            {
                merged[i] = Math.Max(merged[i], figure[i]);
            }
        }

        return merged;
    }

    /// <summary>One earlier release's exemptions (see <see cref="ValueWindowExemptions"/>).</summary>
    /// <param name="Exempt">Per cell: reported although its count changed by 1..k − 1.</param>
    /// <param name="Composed">Per cell: a unit cell, or its breakdown's change involves at least k people.</param>
    /// <param name="Values">False for exact counts (an item's distribution): no exemption, no hidden row.</param>
    /// <param name="Precision">Per cell: the precision its mean figures are published at against this release (its size's, or coarser where an exempt change needs it, <see cref="ValueWindow.PrecisionFor"/>).</param>
    /// <param name="Churn">Per cell: the roster churn since this release (<see cref="Churn"/>), or null when unknown.</param>
    private sealed record ChangeWindow(bool[] Exempt, bool[] Composed, bool Values, double[] Precision, long[]? Churn);

    /// <summary>The unit and attribute names of a cell (its breakdown: all cells that split the same unit the same way).</summary>
    private static (string Unit, string? First, string? Second) BreakdownOf(CellKey key) => (key.Unit, key.First?.Attribute, key.Second?.Attribute);

    /// <summary>True for figures whose published value is a rounded mean (index, component, outcome); false for an item's distribution, whose counts are exact.</summary>
    private static bool IsValueFigure(string figure) => !figure.StartsWith("item:", StringComparison.Ordinal);

    /// <summary>
    /// An analysis of a cell's respondents (drivers, reliability): reported only when the cell is reported, every figure
    /// it is computed from is released there, and the cell's count did not change by 1..k − 1 since any earlier
    /// release it is chained to. Such analyses publish correlations and weights to several decimals, so they never rely
    /// on the rounding that lets a cell with a small change stay reported (<see cref="ValueWindow"/>).
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="figures">Ids of the figures the analysis uses (as given to <see cref="WithFigures"/>).</param>
    /// <param name="value">Computes the analysis; called only when it is reported.</param>
    /// <typeparam name="T">Value type.</typeparam>
    /// <returns>The disclosure.</returns>
    public Disclosure<T> DiscloseAnalysis<T>(CellKey cell, IEnumerable<string> figures, Func<T> value)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsReported(cell))
        {
            return Disclose(cell, value);   // withheld: the cell's own reason (never calls value)
        }

        if (!figures.All(f => FigureReleased(cell, f)))
        {
            return new Suppressed<T>(SuppressionReason.Protected);
        }

        return ChangedByFew(system, system.Index[cell], Earlier(PreviousCampaign), Churns, Policy.K) ? new Suppressed<T>(SuppressionReason.Protected) : Disclose(cell, value);
    }
}
