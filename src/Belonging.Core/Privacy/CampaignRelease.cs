namespace Belonging.Core.Privacy;

/// <summary>
/// The one static release of a closed campaign: a closed cell set (every unit rollup; single-attribute breakdowns and
/// two-attribute intersections at the designated depths), each cell reported with its exact respondent count or withheld,
/// such that the exact attacker cannot narrow any small withheld group below k (see <see cref="Audit"/>).
/// </summary>
/// <remarks>
/// Computed once at close on the frozen snapshot and never recomputed for later org moves, roster corrections or
/// erasures (reports keep serving this object; see docs/methods/cross-release.md). Deterministic: the same snapshot in
/// any order gives the same release. Only <see cref="Disclose{T}"/> turns a cell into a <see cref="Reported{T}"/>.
/// </remarks>
public sealed partial class CampaignRelease
{
    private readonly CellSystem system;
    private readonly CellStatus[] status;
    private Dictionary<CellKey, SuppressionReason>? withheldReasons;
    private IReadOnlyList<long[]?>? churns;

    private CampaignRelease(CellSystem system, ReleasePolicy policy, ComplementarySuppression.Outcome outcome, CampaignRelease? previousCampaign)
    {
        this.system = system;
        status = outcome.Status;
        Policy = policy;
        PreviousCampaign = previousCampaign;
        var withheld = outcome.Bounds.OrderBy(b => b.Key)
            .Select(b => system.IsCell(b.Key)
                ? new WithheldCellBounds(system.Keys[b.Key], false, b.Value.Min, b.Value.Max)
                : new WithheldCellBounds(system.Keys[system.RemainderOf[b.Key - system.CellCount]], true, b.Value.Min, b.Value.Max))
            .ToList();
        Audit = new AnonymityAudit(
            AnonymityAudit.ProtectionRule,
            policy.K,
            policy.CommentK,
            system.CellCount,
            status.Count(s => s == CellStatus.Reported),
            status.Count(s => s == CellStatus.Primary),
            status.Count(s => s == CellStatus.Complementary),
            status.Count(s => s == CellStatus.CrossRelease),
            outcome.AttackerRounds,
            outcome.Passed,
            withheld);
    }

    /// <summary>The policy the release was computed under.</summary>
    public ReleasePolicy Policy { get; }

    /// <summary>The audit report (thresholds, counts, attacker bounds of every withheld count).</summary>
    public AnonymityAudit Audit { get; }

    /// <summary>The previous campaign's release this one was checked against, if computed with <see cref="ComputeFollowing"/>.</summary>
    public CampaignRelease? PreviousCampaign { get; }

    /// <summary>
    /// The respondents as the release counts them, in the request's order: members of a group of fewer than k that the
    /// cell set splits by an attribute carry the most common value of that attribute around them, never their own
    /// (<see cref="SmallGroupRecoding"/>); only designated attributes are included. Hosts
    /// must form breakdown groups from these rows, so scores and counts describe the same people.
    /// </summary>
    public IReadOnlyList<RespondentRow> Respondents { get; private init; } = [];

    /// <summary>The closed cell set, in canonical order (unit id, then total, breakdowns, intersections; all ordinal).</summary>
    public IReadOnlyList<CellKey> Cells => system.Keys;

    /// <summary>Computes the release of one campaign from its frozen snapshot.</summary>
    /// <param name="request">Unit tree and respondents at close (any order).</param>
    /// <param name="policy">Thresholds and designated breakdowns fixed before launch.</param>
    /// <returns>The release, or <see cref="PolicyInvalidError"/> / <see cref="SnapshotInvalidError"/>.</returns>
    public static Result<CampaignRelease> Compute(CampaignReleaseRequest request, ReleasePolicy policy) =>
        Build(request, policy, null, null);

    /// <summary>
    /// As <see cref="Compute(CampaignReleaseRequest, ReleasePolicy)"/>, with the exact attacker's branch-and-bound budget per objective given (tests): a bound
    /// not proven within it counts as narrow, so more is withheld, never an exception.
    /// </summary>
    internal static Result<CampaignRelease> Compute(CampaignReleaseRequest request, ReleasePolicy policy, int branchBudget) =>
        Build(request, policy, null, null, branchBudget);

    /// <summary>
    /// Computes the release of a later campaign, also applying the cross-release rule against the previous campaign's
    /// release and every release that one was chained to: a cell reported in both whose count changed by 1..k−1 is
    /// withheld, and no additivity row may reveal that a group of 1..k−1 people changed (docs/methods/cross-release.md).
    /// </summary>
    /// <param name="request">The later campaign's frozen snapshot.</param>
    /// <param name="policy">Its policy.</param>
    /// <param name="previousCampaign">The earlier campaign's published release (unchanged by this call).</param>
    /// <returns>The release, or an error as for <see cref="Compute(CampaignReleaseRequest, ReleasePolicy)"/>.</returns>
    public static Result<CampaignRelease> ComputeFollowing(CampaignReleaseRequest request, ReleasePolicy policy, CampaignRelease previousCampaign)
    {
        ArgumentNullException.ThrowIfNull(previousCampaign);
        return Build(request, policy, previousCampaign, null);
    }

    /// <summary>
    /// Recomputes a published release on the same frozen snapshot under a stricter policy (raised k, k_c or a smaller cell
    /// set). Refuses a lower threshold or a wider cell set with a typed error. Every cell withheld before stays withheld,
    /// and the respondent rows are the published version's (no further recoding), so every cell reported in both versions
    /// has the same count and the new release never reveals what the published one hid.
    /// </summary>
    /// <param name="request">The same snapshot the published release was computed on.</param>
    /// <param name="stricterPolicy">The new policy.</param>
    /// <param name="published">The release already served.</param>
    /// <returns>The new release, or <see cref="ThresholdLoweredError"/> / <see cref="CellSetWidenedError"/> / <see cref="ThresholdsLockedAfterReleaseError"/> (a release read back without rows) / other errors.</returns>
    public static Result<CampaignRelease> Recompute(CampaignReleaseRequest request, ReleasePolicy stricterPolicy, CampaignRelease published)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (published.Reduced)
        {
            return new ThresholdsLockedAfterReleaseError(published.Policy.K, published.Policy.CommentK);
        }

        var change = published.Policy.ChangeTo(stricterPolicy, anyoneAnswered: true);
        return change.IsSuccess ? Build(request, stricterPolicy, published.PreviousCampaign, published) : change.Error!;
    }

    /// <summary>
    /// The only way a report reads a cell: <see cref="Reported{T}"/> with the exact respondent count when the cell is
    /// reported, otherwise <see cref="Suppressed{T}"/> with <see cref="SuppressionReason.Protected"/> (withheld, reason not
    /// revealed) or <see cref="SuppressionReason.NotInRelease"/> (not in the closed cell set).
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="value">Computes the value; called only for reported cells.</param>
    /// <typeparam name="T">Value type.</typeparam>
    /// <returns>The disclosure.</returns>
    public Disclosure<T> Disclose<T>(CellKey cell, Func<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!system.Index.TryGetValue(cell, out var i))
        {
            return new Suppressed<T>(SuppressionReason.NotInRelease);
        }

        return status[i] == CellStatus.Reported
            ? new Reported<T>(value(), system.Truth[i])
            : new Suppressed<T>(WhyWithheld(cell));
    }

    /// <summary>
    /// Why a withheld cell is hidden, in the only terms that add nothing to what the release already publishes: the
    /// exact attacker's bounds on its count (the audit's, computed from the published counts alone) say either that
    /// fewer than k answered there (<see cref="SuppressionReason.BelowThreshold"/>), or that at least k did and it is
    /// hidden so that a smaller group cannot be worked out (<see cref="SuppressionReason.Complementary"/>). Where the
    /// bounds allow both, the cell says <see cref="SuppressionReason.Protected"/> ("too few answered, or to protect a
    /// smaller group"): telling which would hand out the very bound the suppression withholds (telling every reason
    /// was measured to withhold 7 more points of the cells on the demo's first survey; docs/methods/campaign-release.md).
    /// </summary>
    /// <param name="cell">A withheld cell of this release.</param>
    /// <returns>The reason to show.</returns>
    private SuppressionReason WhyWithheld(CellKey cell)
    {
        var told = withheldReasons ??= Audit.Withheld.Where(b => !b.DirectMembersOnly).ToDictionary(
            b => b.Cell,
            b => b.Max is { } max && max < Policy.K ? SuppressionReason.BelowThreshold : b.Min >= Policy.K ? SuppressionReason.Complementary : SuppressionReason.Protected);
        return told.GetValueOrDefault(cell, SuppressionReason.Protected);
    }

    /// <summary>
    /// A comparison with the previous campaign (e.g. the change in a score). Reported only when this release was computed
    /// with <see cref="ComputeFollowing"/> against <paramref name="previousCampaign"/> and the cell is reported in both;
    /// N is this campaign's count.
    /// </summary>
    /// <param name="previousCampaign">The earlier release.</param>
    /// <param name="cell">The cell.</param>
    /// <param name="change">Computes the comparison; called only when it is reported.</param>
    /// <typeparam name="T">Value type.</typeparam>
    /// <returns>The disclosure.</returns>
    public Disclosure<T> DiscloseChange<T>(CampaignRelease previousCampaign, CellKey cell, Func<T> change)
    {
        ArgumentNullException.ThrowIfNull(previousCampaign);
        ArgumentNullException.ThrowIfNull(change);
        if (!ReferenceEquals(PreviousCampaign, previousCampaign))
        {
            return new Suppressed<T>(SuppressionReason.NotInRelease);
        }

        var bothReported = IsReported(cell) && previousCampaign.IsReported(cell);
        return bothReported ? Disclose(cell, change) : new Suppressed<T>(SuppressionReason.Protected);
    }

    /// <summary>True when <paramref name="cell"/> is in the cell set and reported.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>Whether it is reported.</returns>
    public bool IsReported(CellKey cell) => system.Index.TryGetValue(cell, out var i) && status[i] == CellStatus.Reported;

    /// <summary>The exact attacker's view of this release, recomputed from only what it publishes (for auditors and tests).</summary>
    /// <returns>Bounds of every withheld count, as in <see cref="Audit"/>.</returns>
    public IReadOnlyList<WithheldCellBounds> Attack()
    {
        var unknown = UnknownMask();
        var engine = new AttackEngine(system);
        var bounds = engine.Attack(unknown, Enumerable.Range(0, system.VariableCount).Where(v => unknown[v]));
        return bounds.OrderBy(b => b.Key)
            .Select(b => system.IsCell(b.Key)
                ? new WithheldCellBounds(system.Keys[b.Key], false, b.Value.Min, b.Value.Max)
                : new WithheldCellBounds(system.Keys[system.RemainderOf[b.Key - system.CellCount]], true, b.Value.Min, b.Value.Max))
            .ToList();
    }

    /// <summary>
    /// The exact attacker's bounds on sums of cells (e.g. the members of a unit who do not have a value), recomputed from
    /// only what the release publishes; reported cells count with their published n. For auditors and tests.
    /// </summary>
    /// <param name="sums">Each sum as (cell, direct members only): the cell, or the part of it made of people attached directly to its unit.</param>
    internal List<VariableBounds> AttackSums(IReadOnlyList<IReadOnlyList<(CellKey Cell, bool DirectMembersOnly)>> sums) =>
        new AttackEngine(system).AttackSums(UnknownMask(), [.. sums.Select(cells => cells.Select(c => c.DirectMembersOnly ? system.RemainderVariable(system.Index[c.Cell])!.Value : system.Index[c.Cell]).ToArray())]);

    /// <summary>Reported count for internal cross-release checks (null when withheld or absent).</summary>
    internal int? ReportedCount(CellKey cell) =>
        system.Index.TryGetValue(cell, out var i) && status[i] == CellStatus.Reported ? system.Truth[i] : null;

    /// <summary>True counts of withheld cells, for tests that must prove the attacker's bounds contain the truth.</summary>
    internal int TrueCount(CellKey cell) => system.Truth[system.Index[cell]];

    internal int TrueRemainder(CellKey cell) => system.RemainderVariable(system.Index[cell]) is { } v ? system.Truth[v] : 0;

    /// <summary>True when <paramref name="cell"/> has a hidden direct-members part (its unit has people attached directly, and the condition is released one level down).</summary>
    internal bool HasRemainder(CellKey cell) => system.RemainderVariable(system.Index[cell]) is not null;

    private bool[] UnknownMask()
    {
        var unknown = new bool[system.VariableCount];
        for (var v = 0; v < system.VariableCount; v++)
        {
            unknown[v] = !system.IsCell(v) || status[v] != CellStatus.Reported;
        }

        return unknown;
    }

    private static Result<CampaignRelease> Build(CampaignReleaseRequest request, ReleasePolicy policy, CampaignRelease? previousCampaign, CampaignRelease? publishedVersion, int branchBudget = RationalSimplex.DefaultBranchBudget)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var valid = policy.Validate();
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        // A recomputation keeps the rows exactly as the published version counted them: recoding again under the new
        // thresholds could move a person between value groups and make two versions of one campaign differ by them.
        var released = publishedVersion is null ? SmallGroupRecoding.Apply(request, policy) : publishedVersion.Respondents;
        var built = CellSystem.Build(request with { Respondents = released }, policy);
        if (!built.IsSuccess)
        {
            return built.Error!;
        }

        var system = built.Value;
        var k = policy.K;
        var forced = new Dictionary<int, CellStatus>();
        if (publishedVersion is not null)
        {
            for (var i = 0; i < system.CellCount; i++)
            {
                if (publishedVersion.system.Index.ContainsKey(system.Keys[i]) && !publishedVersion.IsReported(system.Keys[i]))
                {
                    forced[i] = CellStatus.Complementary;
                }
            }
        }

        Func<bool[], IReadOnlyList<int>>? crossCheck = null;
        var earlier = Earlier(previousCampaign);
        var precision = SizePrecision(system);
        var churns = earlier.Select(before => Churn(system, request.Units, request.Invited, before)).ToList();
        if (earlier.Count > 0)
        {
            // Every earlier release stays published, so the rule holds against each of them, not only the last one:
            // otherwise a cell withheld in campaign 2 could still be differenced between campaigns 1 and 3.
            var windows = earlier.Select((before, e) => ValueWindowExemptions(system, k, before, valueFigure: true, precision, churns[e])).ToList();
            ApplyCellRule(system, k, earlier, windows, forced, precision);
            crossCheck = unknown => [.. earlier.SelectMany((before, e) => CrossReleaseViolations(system, k, before, unknown, windows[e])).Distinct().Order()];
        }

        var outcome = ComplementarySuppression.Run(system, k, forced, crossCheck, branchBudget);
        return new CampaignRelease(system, policy, outcome, previousCampaign) { Respondents = released, Units = request.Units, CellPrecision = precision, Invited = request.Invited, churns = churns };
    }

    /// <summary>The previous campaign's release and every release it was chained to, newest first.</summary>
    private static List<CampaignRelease> Earlier(CampaignRelease? previousCampaign)
    {
        var chain = new List<CampaignRelease>();
        for (var r = previousCampaign; r is not null; r = r.PreviousCampaign)
        {
            chain.Add(r);
        }

        return chain;
    }

    /// <summary>
    /// Rows of the change table (this campaign's count minus the previous campaign's, known only where both are reported)
    /// whose unknown part is a plain sum fixed at 1..k−1 in absolute value: some group of fewer than k people changed and
    /// can be located — unless the row's published cells are large enough that their rounding hides that group's answers
    /// (<see cref="RowChangeHidden"/>). Returns, per such row, the smallest cell of this release to withhold.
    /// </summary>
    private static List<int> CrossReleaseViolations(CellSystem system, int k, CampaignRelease previous, bool[] unknown, ChangeWindow window)
    {
        var picks = new SortedSet<int>();
        foreach (var row in system.Rows)
        {
            if (row.Any(e => system.IsCell(e.Var) && !previous.system.Index.ContainsKey(system.Keys[e.Var])))
            {
                continue;
            }

            long rhs = 0;
            var sign = 0;
            var mixed = false;
            var unknowns = 0;
            foreach (var (v, coef) in row)
            {
                var before = system.IsCell(v) && !unknown[v] ? previous.ReportedCount(system.Keys[v]) : null;
                if (before is { } b)
                {
                    rhs -= coef * (long)(system.Truth[v] - b);
                    continue;
                }

                unknowns++;
                mixed |= sign != 0 && sign != coef;
                sign = coef;
            }

            if (unknowns == 0 || mixed || rhs == 0 || Math.Abs(rhs) >= k || RowChangeHidden(system, row, unknown, previous, window, Math.Abs(rhs)))
            {
                continue;
            }

            var best = -1;
            foreach (var (v, _) in row)
            {
                if (system.IsCell(v) && !unknown[v] && (best < 0 || system.Truth[v] < system.Truth[best]))
                {
                    best = v;
                }
            }

            if (best >= 0)
            {
                picks.Add(best);
            }
        }

        return [.. picks];
    }
}
