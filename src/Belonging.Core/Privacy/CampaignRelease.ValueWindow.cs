namespace Belonging.Core.Privacy;

/// <content>
/// The cross-release rule's exemption for large groups, whose published rounding already hides a small change, and
/// the gate for analyses (drivers, reliability), which are not rounded and so never rely on it.
/// </content>
public sealed partial class CampaignRelease
{
    /// <summary>
    /// Against one earlier release: which cells reported there and changed by 1..k − 1 may stay reported because the
    /// change is hidden by this release's rounding (<see cref="ValueWindow.Covers"/>) and, for a breakdown or
    /// intersection cell, because the change of its unit's whole breakdown involves at least k people (so the
    /// published counts never tell the attribute of fewer than k changed people: "one more person with a disability
    /// answered, the month Bob joined" stays hidden).
    /// </summary>
    /// <param name="system">This release's cells (true counts: its own respondents or a figure's answerers).</param>
    /// <param name="k">Threshold.</param>
    /// <param name="before">The earlier release as it was published (the same figure's view, for a figure).</param>
    /// <param name="valueFigure">False for counts whose change shows answers exactly (an item's distribution): nothing is exempt.</param>
    /// <returns>Exempt flags per cell, and per cell whether its breakdown's change involves at least k people (true for unit cells).</returns>
    private static ChangeWindow ValueWindowExemptions(CellSystem system, int k, CampaignRelease before, bool valueFigure)
    {
        var exempt = new bool[system.CellCount];
        var composed = new bool[system.CellCount];
        // The people a breakdown's change involves: at least the sum of its published value cells' changes.
        var moved = Enumerable.Range(0, system.CellCount)
            .Where(i => system.Keys[i].First is not null)
            .GroupBy(i => BreakdownOf(system.Keys[i]))
            .ToDictionary(g => g.Key, g => g.Sum(i => before.ReportedCount(system.Keys[i]) is { } n ? (long)Math.Abs(system.Truth[i] - n) : 0));
        for (var i = 0; i < system.CellCount; i++)
        {
            var key = system.Keys[i];
            composed[i] = key.First is null || moved[BreakdownOf(key)] >= k;
            exempt[i] = valueFigure && composed[i] && before.ReportedCount(key) is { } n
                && Math.Abs(system.Truth[i] - n) is > 0 and var change && change < k
                && ValueWindow.Covers(system.Truth[i], change);
        }

        return new ChangeWindow(exempt, composed, valueFigure);
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
        long published = 0;
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

            // A published cell whose count changed by 1..k − 1 is exempt (the rest were withheld before the first round).
            if (!unknown[v] && previous.ReportedCount(system.Keys[v]) is not null)
            {
                published += system.Truth[v];
            }
        }

        return ValueWindow.Covers(published, change);
    }

    /// <summary>One earlier release's exemptions (see <see cref="ValueWindowExemptions"/>).</summary>
    /// <param name="Exempt">Per cell: reported although its count changed by 1..k − 1.</param>
    /// <param name="Composed">Per cell: a unit cell, or its breakdown's change involves at least k people.</param>
    /// <param name="Values">False for exact counts (an item's distribution): no exemption, no hidden row.</param>
    private sealed record ChangeWindow(bool[] Exempt, bool[] Composed, bool Values);

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

        var n = system.Truth[system.Index[cell]];
        var changedByFew = Earlier(PreviousCampaign).Any(e => e.ReportedCount(cell) is { } before && Math.Abs(n - before) is > 0 and var change && change < Policy.K);
        return changedByFew ? new Suppressed<T>(SuppressionReason.Protected) : Disclose(cell, value);
    }
}
