namespace Belonging.Core.Privacy;

/// <content>Reading a release back without respondent rows (ADR 9).</content>
public sealed partial class CampaignRelease
{
    /// <summary>
    /// True when the release was read back with <see cref="RestoreReduced"/>: it knows the cell set, each cell's status,
    /// the reported counts and each shown figure's n, and no hidden count. It serves reports and later campaigns'
    /// cross-release checks as the release it was read from; it cannot be recomputed under a stricter policy.
    /// </summary>
    public bool Reduced { get; private init; }

    /// <summary>For a reduced release: figure id → cell → n where the figure was shown (0 or absent where nobody answered it).</summary>
    private IReadOnlyDictionary<string, IReadOnlyDictionary<CellKey, int>>? FigureCounts { get; init; }

    /// <summary>For a reduced release: the unit tree and one placeholder row per unit with people attached directly (the shape of the constraints).</summary>
    private CampaignReleaseRequest? Shape { get; init; }

    /// <summary>
    /// Reads a published release back after the per-respondent rows were deleted. The cell set is rebuilt from the frozen
    /// unit tree and the policy alone (it never depends on who answered) and must equal the stored one; the units with
    /// people attached directly are those whose hidden "direct members" remainders the stored audit bounds, so the
    /// constraints have the same shape as when the release was computed. Statuses, reported counts and withheld figures
    /// come from <paramref name="stored"/>; every hidden count is unknown (held as 0, never read: only reported counts
    /// are disclosed, and a later campaign's cross-release rule reads only reported counts and the cell set).
    /// </summary>
    /// <param name="units">The frozen unit tree.</param>
    /// <param name="policy">The policy (thresholds must equal the stored ones).</param>
    /// <param name="stored">The stored release.</param>
    /// <param name="figureCounts">Figure id (as in <paramref name="stored"/>) → cell → n, for every cell where the figure was shown.</param>
    /// <param name="previousCampaign">The earlier campaign's first published release, for later campaigns' checks.</param>
    /// <returns>The release, or <see cref="StoredReleaseMismatchError"/> / <see cref="SnapshotInvalidError"/>.</returns>
    public static Result<CampaignRelease> RestoreReduced(
        IReadOnlyList<OrgUnitNode> units, ReleasePolicy policy, StoredRelease stored,
        IReadOnlyDictionary<string, IReadOnlyDictionary<CellKey, int>> figureCounts, CampaignRelease? previousCampaign)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(figureCounts);
        if (policy.K != stored.K || policy.CommentK != stored.CommentK)
        {
            return new StoredReleaseMismatchError($"The stored release was computed with k = {stored.K}, k_c = {stored.CommentK}, not k = {policy.K}, k_c = {policy.CommentK}.");
        }

        var direct = stored.Audit.Withheld.Where(b => b.DirectMembersOnly).Select(b => b.Cell.Unit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var shape = new CampaignReleaseRequest(units, [.. direct.Select(u => new RespondentRow(u, new Dictionary<string, string>(StringComparer.Ordinal)))]);
        var built = BuildShape(shape, policy);
        if (!built.IsSuccess)
        {
            return built.Error!;
        }

        var system = built.Value;
        if (system.CellCount != stored.Cells.Count)
        {
            return new StoredReleaseMismatchError($"The stored release has {stored.Cells.Count} cells; the frozen tree gives {system.CellCount}.");
        }

        var status = new CellStatus[system.CellCount];
        for (var i = 0; i < system.CellCount; i++)
        {
            var cell = stored.Cells[i];
            if (system.Keys[i] != cell.Cell)
            {
                return new StoredReleaseMismatchError($"Cell {i} is {cell.Cell} in the stored release but {system.Keys[i]} from the frozen tree.");
            }

            if (!Enum.TryParse(cell.Status, ignoreCase: false, out status[i]) || !Enum.IsDefined(status[i]))
            {
                return new StoredReleaseMismatchError($"Cell {cell.Cell} has an unknown status '{cell.Status}'.");
            }

            if ((status[i] == CellStatus.Reported) != cell.N.HasValue)
            {
                return new StoredReleaseMismatchError($"Cell {cell.Cell} is {cell.Status} but {(cell.N.HasValue ? "has" : "has no")} count.");
            }

            system.Truth[i] = cell.N ?? 0;
        }

        return new CampaignRelease(system, policy, status, stored.Audit, previousCampaign)
        {
            Respondents = [],
            Units = units,
            FigureWithheld = RestoreFigures(stored.Figures, system.CellCount),
            CellPrecision = RestorePrecision(stored),
            FigureCounts = figureCounts,
            Shape = shape,
            Reduced = true,
        };
    }

    /// <summary>The cell system of <paramref name="shape"/> with every count cleared (the placeholder rows only give the constraints their shape).</summary>
    private static Result<CellSystem> BuildShape(CampaignReleaseRequest shape, ReleasePolicy policy)
    {
        var built = CellSystem.Build(shape, policy);
        if (built.IsSuccess)
        {
            Array.Clear(built.Value.Truth);
        }

        return built;
    }

    /// <summary>A reduced release as it published one figure: n where the figure was shown, everything else unknown. Null when the release has no such figure.</summary>
    private CampaignRelease? ReducedFigureView(string figure)
    {
        if (FigureWithheld is null || !FigureWithheld.ContainsKey(figure) || Shape is null)
        {
            return null;
        }

        var built = BuildShape(Shape, Policy);
        if (!built.IsSuccess)
        {
            return null;
        }

        var view = built.Value;
        var counts = FigureCounts?.GetValueOrDefault(figure);
        var shown = new CellStatus[view.CellCount];
        for (var i = 0; i < view.CellCount; i++)
        {
            var released = FigureReleased(view.Keys[i], figure);
            shown[i] = released ? CellStatus.Reported : CellStatus.Complementary;
            view.Truth[i] = released && counts is not null ? counts.GetValueOrDefault(view.Keys[i]) : 0;
        }

        return new CampaignRelease(view, Policy, shown, Audit, null) { Units = Units, Reduced = true };
    }
}
