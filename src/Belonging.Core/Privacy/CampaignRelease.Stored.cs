namespace Belonging.Core.Privacy;

/// <summary>
/// A published release as it is stored: the thresholds it was computed under, every cell of the closed cell set in
/// canonical order with its status (and, for reported cells, the count people read), and the anonymity audit. Read back
/// with <see cref="CampaignRelease.Restore"/>, never recomputed, so a later change to the suppression algorithm cannot
/// change figures people have already read (docs/methods/campaign-release.md, "Stored releases").
/// </summary>
/// <param name="K">k of the release.</param>
/// <param name="CommentK">k_c of the release.</param>
/// <param name="Cells">Every cell in canonical order.</param>
/// <param name="Audit">The anonymity audit as published.</param>
/// <param name="Figures">Figures withheld inside reported cells: figure id → canonical cell indices (<see cref="CampaignRelease.WithFigures"/>); null when not decided.</param>
public sealed record StoredRelease(int K, int CommentK, IReadOnlyList<StoredCell> Cells, AnonymityAudit Audit, IReadOnlyDictionary<string, int[]>? Figures = null);

/// <summary>One cell of a stored release.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Status">Reported, Primary, Complementary or CrossRelease (internal statuses; never shown to viewers).</param>
/// <param name="N">The reported count, or null when withheld.</param>
/// <param name="Precision">The precision its mean figures were published at when coarser than whole points (<see cref="CampaignRelease.PrecisionOf"/>); null for whole points.</param>
public sealed record StoredCell(CellKey Cell, string Status, int? N, double? Precision = null);

/// <summary>The stored release does not match the rows it is read back from (changed data or a changed cell-set rule); nothing is served.</summary>
/// <param name="Detail">What differs.</param>
public sealed record StoredReleaseMismatchError(string Detail) : Error("privacy.stored_release_mismatch", Detail);

/// <content>Storing a published release and reading it back.</content>
public sealed partial class CampaignRelease
{
    private CampaignRelease(CellSystem system, ReleasePolicy policy, CellStatus[] status, AnonymityAudit audit, CampaignRelease? previousCampaign)
    {
        this.system = system;
        this.status = status;
        Policy = policy;
        Audit = audit;
        PreviousCampaign = previousCampaign;
    }

    /// <summary>The release in its stored form (statuses, reported counts, audit), in canonical cell order.</summary>
    /// <returns>What <see cref="Restore"/> reads back.</returns>
    public StoredRelease ToStored() =>
        new(Policy.K, Policy.CommentK,
            [.. system.Keys.Select((key, i) => new StoredCell(key, status[i].ToString(), status[i] == CellStatus.Reported ? system.Truth[i] : null, StoredPrecision(i)))],
            Audit,
            StoredFigures());

    /// <summary>A reported cell's precision when coarser than whole points, for storing.</summary>
    private double? StoredPrecision(int cell) =>
        status[cell] == CellStatus.Reported && CellPrecision is { } p && p[cell] > ValueWindow.Precision ? p[cell] : null;

    /// <summary>The precisions of a stored release (null when all are whole points); an unknown step reads as the coarsest.</summary>
    private static double[]? RestorePrecision(StoredRelease stored)
    {
        if (stored.Cells.All(c => c.Precision is null))
        {
            return null;
        }

        return [.. stored.Cells.Select(c => c.Precision is not { } q ? ValueWindow.Precision : ValueWindow.Steps.Contains(q) ? q : ValueWindow.Steps[^1])];
    }

    /// <summary>
    /// Reads a published release back: the cell system is rebuilt from <paramref name="released"/> (the respondent rows
    /// exactly as the release counted them, i.e. <see cref="Respondents"/> of the computed release, with no further
    /// recoding) and every status comes from <paramref name="stored"/>. Refuses with
    /// <see cref="StoredReleaseMismatchError"/> when the rebuilt cell set or any reported count differs from what was
    /// stored, so a changed rule or changed data can never silently change a published figure.
    /// </summary>
    /// <param name="released">Unit tree and the released respondent rows.</param>
    /// <param name="policy">The policy (designations from the campaign; thresholds must equal the stored ones).</param>
    /// <param name="stored">The stored release.</param>
    /// <param name="previousCampaign">The earlier campaign's first published release, for cross-release checks of later campaigns.</param>
    /// <returns>The release, or an error.</returns>
    public static Result<CampaignRelease> Restore(CampaignReleaseRequest released, ReleasePolicy policy, StoredRelease stored, CampaignRelease? previousCampaign)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(stored);
        if (policy.K != stored.K || policy.CommentK != stored.CommentK)
        {
            return new StoredReleaseMismatchError($"The stored release was computed with k = {stored.K}, k_c = {stored.CommentK}, not k = {policy.K}, k_c = {policy.CommentK}.");
        }

        var built = CellSystem.Build(released, policy);
        if (!built.IsSuccess)
        {
            return built.Error!;
        }

        var system = built.Value;
        if (system.CellCount != stored.Cells.Count)
        {
            return new StoredReleaseMismatchError($"The stored release has {stored.Cells.Count} cells; the rows give {system.CellCount}.");
        }

        var status = new CellStatus[system.CellCount];
        for (var i = 0; i < system.CellCount; i++)
        {
            var cell = stored.Cells[i];
            if (system.Keys[i] != cell.Cell)
            {
                return new StoredReleaseMismatchError($"Cell {i} is {cell.Cell} in the stored release but {system.Keys[i]} from the rows.");
            }

            if (!Enum.TryParse(cell.Status, ignoreCase: false, out status[i]) || !Enum.IsDefined(status[i]))
            {
                return new StoredReleaseMismatchError($"Cell {cell.Cell} has an unknown status '{cell.Status}'.");
            }

            var reported = status[i] == CellStatus.Reported;
            if (reported != cell.N.HasValue || (reported && cell.N != system.Truth[i]))
            {
                return new StoredReleaseMismatchError($"Cell {cell.Cell} was published with n = {cell.N?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "withheld"}; the rows give another count.");
            }
        }

        return new CampaignRelease(system, policy, status, stored.Audit, previousCampaign)
        {
            Respondents = released.Respondents,
            Units = released.Units,
            Invited = released.Invited,
            FigureWithheld = RestoreFigures(stored.Figures, system.CellCount),
            CellPrecision = RestorePrecision(stored),
        };
    }
}
