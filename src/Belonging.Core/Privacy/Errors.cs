namespace Belonging.Core.Privacy;

/// <summary>The release policy is malformed (k below the floor, k_c below k, unknown or duplicated attributes).</summary>
/// <param name="Detail">What is wrong.</param>
public sealed record PolicyInvalidError(string Detail) : Error("privacy.policy_invalid", Detail);

/// <summary>Someone tried to lower k or k_c after the first answer.</summary>
/// <param name="Threshold">"k" or "k_c".</param>
/// <param name="Current">The threshold in force.</param>
/// <param name="Proposed">The lower value that was refused.</param>
public sealed record ThresholdLoweredError(string Threshold, int Current, int Proposed)
    : Error("privacy.threshold_lowered", $"{Threshold} cannot go down from {Current} to {Proposed} once anyone has answered; thresholds only go up.");

/// <summary>Someone tried to add breakdowns (attributes, pairs, values or depth) after the first answer.</summary>
/// <param name="Detail">Which part of the cell set would widen.</param>
public sealed record CellSetWidenedError(string Detail) : Error("privacy.cell_set_widened", Detail);

/// <summary>The snapshot is malformed: no single root, a cycle, an unknown parent or unit, or a value outside the declared domain.</summary>
/// <param name="Detail">What is wrong (never names a respondent).</param>
public sealed record SnapshotInvalidError(string Detail) : Error("privacy.snapshot_invalid", Detail);

/// <summary>A differentially private release would spend more epsilon than the campaign's budget has left.</summary>
/// <param name="Requested">Epsilon asked for.</param>
/// <param name="Remaining">Epsilon left.</param>
public sealed record PrivacyBudgetExceededError(decimal Requested, decimal Remaining)
    : Error("privacy.budget_exceeded", $"This release needs ε = {Requested.ToString(System.Globalization.CultureInfo.InvariantCulture)} but only {Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)} is left in the campaign's budget.");

/// <summary>
/// A threshold cannot be raised once the release is stored and the per-respondent rows are deleted: a stricter
/// version would have to prove every hidden group safe under the new k without knowing any hidden count (ADR 9).
/// </summary>
/// <param name="K">k of the stored release.</param>
/// <param name="CommentK">k_c of the stored release.</param>
public sealed record ThresholdsLockedAfterReleaseError(int K, int CommentK)
    : Error(
        "privacy.thresholds_locked_after_release",
        $"This campaign's results were published with k = {K}, k_c = {CommentK} and its individual answer sets have been deleted, keeping only the statistics of the published groups. A stricter release cannot be proven safe without them, so the thresholds can no longer change. Raise thresholds before a campaign closes.");
