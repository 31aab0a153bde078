using Belonging.Core;
using Belonging.Core.Privacy;

namespace Belonging.Data.Campaigns;

public enum CampaignStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}

public enum AudienceKind
{
    /// <summary>Everyone active on the roster.</summary>
    Organisation = 0,

    /// <summary>Everyone in one org unit and below.</summary>
    Subtree = 1,

    /// <summary>Everyone whose reporting attribute has a given value.</summary>
    Filter = 2,
}

/// <summary>
/// A survey run: an instrument version sent to an audience between two dates, moving draft → open → closed.
/// Guards its own transitions; thresholds can be raised but never lowered once anyone has answered.
/// </summary>
public sealed class Campaign
{
    private Campaign()
    {
    }

    public Campaign(string name, Guid instrumentVersionId, DateOnly opensOn, DateOnly closesOn, int k, int kComments)
    {
        Id = Ids.New();
        Name = name;
        InstrumentVersionId = instrumentVersionId;
        OpensOn = opensOn;
        ClosesOn = closesOn;
        K = k;
        KComments = kComments;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public Guid InstrumentVersionId { get; private set; }

    public AudienceKind AudienceKind { get; private set; }

    public Guid? AudienceUnitId { get; private set; }

    public string? AudienceAttribute { get; private set; }

    public string? AudienceValue { get; private set; }

    public DateOnly OpensOn { get; private set; }

    public DateOnly ClosesOn { get; private set; }

    /// <summary>Minimum reporting group size.</summary>
    public int K { get; private set; }

    /// <summary>Minimum distinct comment authors before comments are shown.</summary>
    public int KComments { get; private set; }

    public CampaignStatus Status { get; private set; }

    /// <summary>UTC instant the campaign opened (coarse metadata about the campaign, never about an answer).</summary>
    public DateTime? OpenedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>True once the first answer was recorded. Never decides anything an admin can observe while open (that would tell them whether anyone has answered); thresholds lock upwards at open instead.</summary>
    public bool HasAnswers { get; private set; }

    /// <summary>Organisation-level results visible to employees.</summary>
    public bool ResultsPublished { get; private set; }

    /// <summary>
    /// The release design fixed before launch, as JSON: which attributes are broken down (and how deep in the tree), which
    /// pairs are intersected, and — frozen at open — each attribute's value domain. See <c>ReleaseDesign</c>.
    /// </summary>
    public string ReportingDesign { get; private set; } = "{}";

    public Result<Campaign> SetReportingDesign(string json)
    {
        if (Status != CampaignStatus.Draft)
        {
            return new CampaignError.NotDraft(Status);
        }

        ReportingDesign = json;
        return this;
    }

    public Result<Campaign> SetAudience(AudienceKind kind, Guid? unitId, string? attribute, string? value)
    {
        if (Status != CampaignStatus.Draft)
        {
            return new CampaignError.NotDraft(Status);
        }

        AudienceKind = kind;
        AudienceUnitId = kind == AudienceKind.Subtree ? unitId : null;
        AudienceAttribute = kind == AudienceKind.Filter ? attribute : null;
        AudienceValue = kind == AudienceKind.Filter ? value : null;
        return this;
    }

    /// <summary>Opens the campaign; <paramref name="frozenDesign"/> is the reporting design with its value domains filled in from the audience.</summary>
    public Result<Campaign> Open(DateTime nowUtc, string? frozenDesign = null)
    {
        if (Status != CampaignStatus.Draft)
        {
            return new CampaignError.NotDraft(Status);
        }

        if (DateOnly.FromDateTime(nowUtc) > ClosesOn)
        {
            return new CampaignError.CloseDateInPast(ClosesOn);
        }

        Status = CampaignStatus.Open;
        OpenedAt = nowUtc;
        ReportingDesign = frozenDesign ?? ReportingDesign;
        return this;
    }

    public Result<Campaign> Close(DateTime nowUtc)
    {
        if (Status != CampaignStatus.Open)
        {
            return new CampaignError.NotOpen(Status);
        }

        Status = CampaignStatus.Closed;
        ClosedAt = nowUtc;
        return this;
    }

    public void MarkAnswered() => HasAnswers = true;

    /// <summary>Set when the participation marks were reduced to per-unit counts (after the appeal window).</summary>
    public DateTime? ParticipationReducedAt { get; private set; }

    public void ParticipationReduced(DateTime nowUtc) => ParticipationReducedAt ??= nowUtc;

    public Result<Campaign> Publish()
    {
        if (Status != CampaignStatus.Closed)
        {
            return new CampaignError.NotClosed(Status);
        }

        ResultsPublished = true;
        return this;
    }

    /// <summary>
    /// Changes thresholds. On a draft, any value ≥ the floor; once open, only upwards — from open, not from the first
    /// answer, so that the answer to this request cannot tell an admin whether anyone has answered yet.
    /// </summary>
    public Result<Campaign> SetThresholds(int k, int kComments)
    {
        if (k < MinimumGroupRule.Floor || kComments < MinimumGroupRule.Floor)
        {
            return new CampaignError.ThresholdBelowFloor(MinimumGroupRule.Floor);
        }

        if ((Status != CampaignStatus.Draft || HasAnswers) && (k < K || kComments < KComments))
        {
            return new CampaignError.ThresholdLowered(K, KComments);
        }

        if (new ReleasePolicy(k, kComments, [], []).Validate() is { IsSuccess: false } invalid)
        {
            return invalid.Error!;
        }

        K = k;
        KComments = kComments;
        return this;
    }

    /// <summary>Default ε spent by one noisy release of the live response count.</summary>
    public const decimal DefaultNoisyEpsilon = 0.5m;

    /// <summary>Default total ε a campaign's live counts may spend.</summary>
    public const decimal DefaultNoisyBudget = 5m;

    /// <summary>Opt-in: while open, the daily response count an admin sees carries two-sided geometric noise.</summary>
    public bool NoisyLiveCounts { get; private set; }

    /// <summary>ε spent by each noisy release (one per day's participation snapshot).</summary>
    public decimal NoisyEpsilon { get; private set; } = DefaultNoisyEpsilon;

    /// <summary>Total ε the live counts may spend over the campaign.</summary>
    public decimal NoisyBudget { get; private set; } = DefaultNoisyBudget;

    /// <summary>ε spent so far; never decreases.</summary>
    public decimal NoisySpent { get; private set; }

    /// <summary>Number of noisy releases so far (also the optimistic-concurrency token, so two views cannot both spend the same ε).</summary>
    public int NoisyReleases { get; private set; }

    /// <summary>Invited count of the last noisy release (public; cached for when the budget is used up).</summary>
    public int? NoisyLastInvited { get; private set; }

    /// <summary>Noisy responded count of the last release, served again once the budget is used up.</summary>
    public int? NoisyLastResponded { get; private set; }

    /// <summary>The privacy budget of the live counts.</summary>
    public PrivacyBudget NoisyPrivacyBudget => PrivacyBudget.Restore(NoisyBudget, NoisySpent);

    /// <summary>
    /// Turns noisy live counts on or off and sets ε per release and the total budget. Allowed on a draft or open campaign
    /// until the first noisy release; after that the setting is locked (turning it off would show exact counts that the
    /// noisy ones were protecting, and raising the budget would defeat it).
    /// </summary>
    public Result<Campaign> SetNoisyLiveCounts(bool enabled, decimal epsilon, decimal budget)
    {
        if (Status == CampaignStatus.Closed)
        {
            return new CampaignError.NotOpen(Status);
        }

        if (NoisyReleases > 0)
        {
            return new CampaignError.NoisyCountsLocked(NoisySpent, NoisyBudget);
        }

        var errors = NoisySettingErrors(epsilon, budget);
        if (errors.Count > 0)
        {
            return new CampaignValidation(errors);
        }

        NoisyLiveCounts = enabled;
        NoisyEpsilon = epsilon;
        NoisyBudget = budget;
        return this;
    }

    /// <summary>
    /// One noisy release of the live response count (call only while open with <see cref="NoisyLiveCounts"/> on): spends
    /// <see cref="NoisyEpsilon"/> and returns <c>responded + Z</c> clamped to [0, invited], or — when the budget cannot pay —
    /// returns the last released figures without spending anything.
    /// </summary>
    public NoisyRelease ReleaseNoisyCount(int invited, int responded, IRandomSource random)
    {
        var spend = NoisyPrivacyBudget.Spend(NoisyEpsilon);
        if (!spend.IsSuccess)
        {
            return new NoisyRelease(NoisyLastInvited ?? invited, NoisyLastResponded ?? 0, Fresh: false);
        }

        var noisy = new GeometricMechanism(NoisyEpsilon).Release(responded, random, knownTotal: invited);
        NoisySpent = spend.Value.Spent;
        NoisyReleases++;
        NoisyLastInvited = invited;
        NoisyLastResponded = noisy;
        return new NoisyRelease(invited, noisy, Fresh: true);
    }

    /// <summary>Field errors of a noisy-count setting: ε in [0.01, 10], budget in [ε, 100], at most 4 decimal places each.</summary>
    public static Dictionary<string, string[]> NoisySettingErrors(decimal epsilon, decimal budget)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (epsilon is < 0.01m or > 10m || epsilon != decimal.Round(epsilon, 4))
        {
            errors["epsilonPerRelease"] = ["ε per view must be between 0.01 and 10, with at most 4 decimal places."];
        }

        if (budget < epsilon || budget > 100m || budget != decimal.Round(budget, 4))
        {
            errors["budget"] = ["The total budget must be at least ε per view and at most 100, with at most 4 decimal places."];
        }

        return errors;
    }

    public Result<Campaign> Reschedule(DateOnly opensOn, DateOnly closesOn)
    {
        if (Status == CampaignStatus.Closed)
        {
            return new CampaignError.NotOpen(Status);
        }

        if (closesOn < opensOn)
        {
            return new CampaignError.DatesOutOfOrder();
        }

        OpensOn = opensOn;
        ClosesOn = closesOn;
        return this;
    }
}

/// <summary>One view of the live response count under noisy live counts.</summary>
/// <param name="Invited">Number invited (public, exact).</param>
/// <param name="Responded">Noisy responded count, in [0, Invited].</param>
/// <param name="Fresh">True when this view spent ε; false when the budget was used up and the last release is served again.</param>
public sealed record NoisyRelease(int Invited, int Responded, bool Fresh);

/// <summary>Expected failures of campaign transitions.</summary>
public abstract record CampaignError(string Code, string Message) : Error(Code, Message)
{
    public sealed record NotDraft(CampaignStatus Status)
        : CampaignError("campaign.not_draft", $"Only a draft campaign can be changed this way; this one is {Status.ToString().ToLowerInvariant()}.");

    public sealed record NotOpen(CampaignStatus Status)
        : CampaignError("campaign.not_open", $"The campaign is {Status.ToString().ToLowerInvariant()}, not open.");

    public sealed record NotClosed(CampaignStatus Status)
        : CampaignError("campaign.not_closed", $"Results can be published only after the campaign closes; it is {Status.ToString().ToLowerInvariant()}.");

    public sealed record CloseDateInPast(DateOnly ClosesOn)
        : CampaignError("campaign.close_date_past", $"The close date {ClosesOn:yyyy-MM-dd} has passed; choose a later close date before opening.");

    public sealed record DatesOutOfOrder()
        : CampaignError("campaign.dates_out_of_order", "The close date must be on or after the open date.");

    public sealed record ThresholdBelowFloor(int Floor)
        : CampaignError("campaign.threshold_below_floor", $"The minimum group size can never be below {Floor}.");

    public sealed record NoisyCountsLocked(decimal Spent, decimal Budget)
        : CampaignError("campaign.noisy_counts_locked", $"Noisy live counts have already been released (ε {Spent.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {Budget.ToString(System.Globalization.CultureInfo.InvariantCulture)} spent), so the setting can no longer change.");

    public sealed record MailRequired()
        : CampaignError("campaign.mail_required", "Re-issuing everyone's links needs a mail server (Smtp:Host), so that the system sends them and nobody sees them. Without one, re-issue a link only for the person who asks for it.");

    public sealed record ThresholdLowered(int K, int KComments)
        : CampaignError("campaign.threshold_lowered", $"The campaign has opened, so the minimum group sizes ({K} for scores, {KComments} for comments) can only be raised, never lowered.");
}
