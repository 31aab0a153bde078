namespace Belonging.Core.Privacy;

/// <content>Figures inside reported cells, each protected on its own answerer counts.</content>
public sealed partial class CampaignRelease
{
    /// <summary>The frozen unit tree the release was computed on.</summary>
    private IReadOnlyList<OrgUnitNode> Units { get; init; } = [];

    /// <summary>Per figure id: for each cell, true when the figure is withheld there although the cell is reported.</summary>
    private IReadOnlyDictionary<string, bool[]>? FigureWithheld { get; init; }

    /// <summary>True once <see cref="WithFigures"/> has decided every figure (or the stored release carried the decisions).</summary>
    public bool FiguresDecided => FigureWithheld is not null;

    /// <summary>
    /// Decides every figure inside the reported cells (an item's distribution, a component index, an outcome). A figure
    /// has its own n — the respondents who answered it — and those counts add up over the same rows as the head counts,
    /// so a division's item n minus its reported teams' gives the answerers in a hidden team, or in a reported team where
    /// the item itself is hidden. For each figure, the answerer counts are put through the same suppression as the head
    /// counts (primary below k, complementary until the exact attacker can narrow no group of 1..k−1 answerers below k),
    /// with every cell that is not reported forced unknown. A figure nobody skipped needs no check: its counts are the
    /// head counts. Deterministic.
    /// </summary>
    /// <param name="answered">Figure id → for each respondent of <see cref="Respondents"/> (same order), whether they count towards the figure's n.</param>
    /// <param name="published">A published version whose withheld figures must stay withheld (a stricter recomputation), or null.</param>
    /// <returns>The same release with the figures decided.</returns>
    public CampaignRelease WithFigures(IReadOnlyDictionary<string, bool[]> answered, CampaignRelease? published = null)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var withheld = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        foreach (var (figure, flags) in answered.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (flags.Length != Respondents.Count)
            {
                throw new ArgumentException($"Figure '{figure}' has {flags.Length} flags for {Respondents.Count} respondents.", nameof(answered));
            }

            var keep = published?.FigureWithheld?.GetValueOrDefault(figure);
            if (flags.All(a => a) && keep is null)
            {
                withheld[figure] = new bool[system.CellCount];
                continue;
            }

            withheld[figure] = Decide(flags, keep);
        }

        return new CampaignRelease(system, Policy, status, Audit, PreviousCampaign) { Respondents = Respondents, Units = Units, FigureWithheld = withheld };
    }

    /// <summary>True when <paramref name="figure"/> may be shown in <paramref name="cell"/> (the cell itself must be reported too).</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="figure">The figure id (<see cref="Surveys.GroupScoring.Figures"/>).</param>
    /// <returns>Whether the release protects it there; figures the release has not decided count as not shown.</returns>
    public bool FigureReleased(CellKey cell, string figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return IsReported(cell) && FigureWithheld is { } decided && (!decided.TryGetValue(figure, out var w) || !w[system.Index[cell]]);
    }

    /// <summary>The figures withheld in reported cells, for storing: figure id → canonical cell indices.</summary>
    internal IReadOnlyDictionary<string, int[]>? StoredFigures() =>
        FigureWithheld?.ToDictionary(f => f.Key, f => Enumerable.Range(0, system.CellCount).Where(i => f.Value[i] && status[i] == CellStatus.Reported).ToArray(), StringComparer.Ordinal);

    private static Dictionary<string, bool[]>? RestoreFigures(IReadOnlyDictionary<string, int[]>? stored, int cells)
    {
        if (stored is null)
        {
            return null;
        }

        return stored.ToDictionary(
            f => f.Key,
            f =>
            {
                var w = new bool[cells];
                foreach (var i in f.Value.Where(i => i >= 0 && i < cells))
                {
                    w[i] = true;
                }

                return w;
            },
            StringComparer.Ordinal);
    }

    private bool[] Decide(bool[] answered, bool[]? keepWithheld)
    {
        var rows = Respondents.Where((_, i) => answered[i]).ToList();
        var built = CellSystem.Build(new CampaignReleaseRequest(Units, rows), Policy);
        var all = Enumerable.Repeat(true, system.CellCount).ToArray();
        if (!built.IsSuccess || built.Value.CellCount != system.CellCount)
        {
            return all;
        }

        var figureSystem = built.Value;
        var forced = new Dictionary<int, CellStatus>();
        for (var i = 0; i < system.CellCount; i++)
        {
            if (status[i] != CellStatus.Reported || keepWithheld?[i] == true)
            {
                forced[i] = CellStatus.Complementary;
            }
        }

        var outcome = ComplementarySuppression.Run(figureSystem, Policy.K, forced, attributeDisclosure: false);
        return outcome.Passed ? [.. outcome.Status.Select(s => s != CellStatus.Reported)] : all;
    }
}
