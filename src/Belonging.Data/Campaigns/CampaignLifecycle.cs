using System.Text.Json;
using Belonging.Core;
using Belonging.Core.Privacy;
using Belonging.Data.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Campaigns;

public sealed record CreateCampaignRequest(
    string Name,
    Guid InstrumentVersionId,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    int? K,
    int? KComments,
    AudienceKind Audience = AudienceKind.Organisation,
    Guid? AudienceUnitId = null,
    string? AudienceAttribute = null,
    string? AudienceValue = null,
    ReleaseDesign? Reporting = null,
    NoisyLiveCountsRequest? NoisyLiveCounts = null);

/// <summary>Opt-in noisy live response counts (see docs/methods/differential-privacy.md).</summary>
/// <param name="Enabled">Add noise to the live responded count while the campaign is open.</param>
/// <param name="EpsilonPerRelease">ε spent by each view (default 0.5).</param>
/// <param name="Budget">Total ε over the campaign (default 5).</param>
public sealed record NoisyLiveCountsRequest(bool Enabled, decimal? EpsilonPerRelease = null, decimal? Budget = null);

/// <summary>The noisy-live-count setting and budget of a campaign.</summary>
public sealed record NoisyLiveCountsSetting(bool Enabled, decimal EpsilonPerRelease, decimal Budget, decimal Spent, int Releases);

public sealed record ThresholdsRequest(int K, int KComments);

public sealed record CampaignSummary(
    Guid Id, string Name, string Status, Guid InstrumentVersionId, DateOnly OpensOn, DateOnly ClosesOn, int K, int KComments,
    string Audience, bool ResultsPublished, NoisyLiveCountsSetting? NoisyLiveCounts = null);

/// <summary>The live response rate. With noisy live counts on and the campaign open, <see cref="Responded"/> is noisy and <see cref="Noise"/> says how.</summary>
public sealed record Participation(int Invited, int Responded, double Rate, ParticipationNoise? Noise = null);

/// <summary>How a noisy participation figure was produced.</summary>
/// <param name="EpsilonPerRelease">ε of each release.</param>
/// <param name="Budget">Total ε.</param>
/// <param name="Spent">ε spent after this view.</param>
/// <param name="BudgetExhausted">True when this view could not be paid for and repeats the last released figures.</param>
/// <param name="Note">Plain-language explanation for the page.</param>
public sealed record ParticipationNoise(decimal EpsilonPerRelease, decimal Budget, decimal Spent, bool BudgetExhausted, string Note);

public sealed record InvitationLink(string EmployeeId, string Name, string Email, string Token);

public sealed record OpenedCampaign(CampaignSummary Campaign, int Invited, IReadOnlyList<InvitationLink> Links);

public sealed record ClosedCampaign(CampaignSummary Campaign, int AnswerSets);

/// <summary>Campaign feature code shared by the API and the admin pages: load → entity transition → save.</summary>
/// <remarks>
/// <paramref name="random"/> is the uniform source for noisy live counts; null means the CSPRNG
/// (<see cref="CryptoRandomSource"/>). Only tests pass another.
/// </remarks>
public sealed class CampaignLifecycle(AppDbContext db, BallotBox box, TimeProvider clock, IRandomSource? random = null)
{
    private readonly IRandomSource random = random ?? CryptoRandomSource.Instance;

    public static CampaignSummary Summary(Campaign c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Name, c.Status.ToString(), c.InstrumentVersionId, c.OpensOn, c.ClosesOn, c.K, c.KComments,
            c.AudienceKind switch
            {
                AudienceKind.Organisation => "Whole organisation",
                AudienceKind.Subtree => "One part of the organisation",
                _ => $"{c.AudienceAttribute} = {c.AudienceValue}",
            },
            c.ResultsPublished,
            new NoisyLiveCountsSetting(c.NoisyLiveCounts, c.NoisyEpsilon, c.NoisyBudget, c.NoisySpent, c.NoisyReleases));
    }

    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken ct) =>
        (await db.Campaigns.AsNoTracking().ToListAsync(ct)).OrderByDescending(c => c.OpensOn).ThenBy(c => c.Name, StringComparer.Ordinal).Select(Summary).ToList();

    public async Task<Result<CampaignSummary>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c
            ? Summary(c)
            : new NotFound("campaign", id.ToString());

    public async Task<Result<CampaignSummary>> CreateAsync(CreateCampaignRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 300)
        {
            errors["name"] = ["Give the campaign a name of 1 to 300 characters."];
        }

        if (request.ClosesOn < request.OpensOn)
        {
            errors["closesOn"] = ["The close date must be on or after the open date."];
        }

        var k = request.K ?? MinimumGroupRule.Default;
        var kc = request.KComments ?? 10;
        if (k < MinimumGroupRule.Floor)
        {
            errors["k"] = [$"The minimum group size can never be below {MinimumGroupRule.Floor}."];
        }

        if (kc < MinimumGroupRule.Floor)
        {
            errors["kComments"] = [$"The minimum number of comment authors can never be below {MinimumGroupRule.Floor}."];
        }
        else if (k >= MinimumGroupRule.Floor && new ReleasePolicy(k, kc, [], []).Validate() is { IsSuccess: false } invalid)
        {
            // The release's own policy decides (one home for the rules): today that k_c is at least k.
            errors["kComments"] = [invalid.Error!.Message];
        }

        if (!await db.InstrumentVersions.AnyAsync(v => v.Id == request.InstrumentVersionId, ct))
        {
            errors["instrumentVersionId"] = ["No instrument version with this id exists."];
        }

        switch (request.Audience)
        {
            case AudienceKind.Subtree when request.AudienceUnitId is not { } unitId || !await db.OrgUnits.AnyAsync(u => u.Id == unitId, ct):
                errors["audienceUnitId"] = ["Choose an existing org unit for the audience."];
                break;
            case AudienceKind.Filter when string.IsNullOrWhiteSpace(request.AudienceAttribute) || string.IsNullOrWhiteSpace(request.AudienceValue):
                errors["audienceAttribute"] = ["Name the attribute and the value that select the audience."];
                break;
            case AudienceKind.Organisation or AudienceKind.Subtree or AudienceKind.Filter:
                break;
            default:
                errors["audience"] = ["The audience must be Organisation, Subtree or Filter."];
                break;
        }

        if (errors.Count > 0)
        {
            return new CampaignValidation(errors);
        }

        var known = await db.ReportingAttributeDefinitions.AsNoTracking().Select(a => a.Name).ToListAsync(ct);
        var design = request.Reporting ?? new ReleaseDesign(known.Order(StringComparer.Ordinal).Select(n => new DesignatedBreakdown(n, ReleaseDesign.DefaultDepth)).ToList(), []);
        var unknown = design.Attributes.Select(a => a.Name).Concat(design.Pairs.SelectMany(p => new[] { p.First, p.Second })).Where(n => !known.Contains(n, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 || design.Attributes.Any(a => a.MaxDepth < 0) || design.Pairs.Any(p => p.MaxDepth < 0 || p.First == p.Second || !design.Attributes.Any(a => a.Name == p.First) || !design.Attributes.Any(a => a.Name == p.Second)))
        {
            return new CampaignValidation(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["reporting"] = [unknown.Count > 0 ? $"Unknown reporting attributes: {string.Join(", ", unknown)}." : "Depths must be 0 or more, and a pair needs two different designated attributes."],
            });
        }

        var campaign = new Campaign(request.Name.Trim(), request.InstrumentVersionId, request.OpensOn, request.ClosesOn, k, kc);
        campaign.SetReportingDesign(design.ToJson());
        if (request.NoisyLiveCounts is { } noisy)
        {
            var set = campaign.SetNoisyLiveCounts(noisy.Enabled, noisy.EpsilonPerRelease ?? Campaign.DefaultNoisyEpsilon, noisy.Budget ?? Campaign.DefaultNoisyBudget);
            if (!set.IsSuccess)
            {
                return set.Error!;
            }
        }

        var audience = campaign.SetAudience(request.Audience, request.AudienceUnitId, request.AudienceAttribute?.Trim(), request.AudienceValue?.Trim());
        if (!audience.IsSuccess)
        {
            return audience.Error!;
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return Summary(campaign);
    }

    public async Task<Result<CampaignSummary>> SetThresholdsAsync(Guid id, ThresholdsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        var result = campaign.SetThresholds(request.K, request.KComments);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        await db.SaveChangesAsync(ct);
        return Summary(campaign);
    }

    /// <summary>Opens a draft: freezes the org tree and the audience (units and attributes as of today), creates a key and one single-use link per invitee.</summary>
    public async Task<Result<OpenedCampaign>> OpenAsync(Guid id, CancellationToken ct)
    {
        if (await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var people = await db.People.AsNoTracking().Include(p => p.Attributes)
            .Where(p => p.StartDate <= today && (p.EndDate == null || p.EndDate >= today)).ToListAsync(ct);
        var audience = SelectAudience(campaign, units, people);
        var frozen = ReleaseDesign.Parse(campaign.ReportingDesign)
            .Freeze(audience.Select(p => (IReadOnlyDictionary<string, string>)p.Attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal)));
        var opened = campaign.Open(now, frozen.ToJson());
        if (!opened.IsSuccess)
        {
            return opened.Error!;
        }

        if (audience.Count == 0)
        {
            return new CampaignOpenError.EmptyAudience();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CampaignUnits.AddRange(units.Select(u => new CampaignUnit(campaign.Id, u.Id, u.ParentId, u.Name)));
        var links = new List<InvitationLink>(audience.Count);
        foreach (var p in audience)
        {
            var token = BallotBox.NewToken();
            db.Invitations.Add(new Invitation(campaign.Id, p.Id, p.OrgUnitId, Demographics(p), BallotBox.HashToken(token)));
            links.Add(new InvitationLink(p.EmployeeId, p.Name, p.Email, token));
        }

        box.CreateKey(campaign.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new OpenedCampaign(Summary(campaign), audience.Count, links);
    }

    internal static List<Person> SelectAudience(Campaign campaign, List<OrgUnit> units, List<Person> people)
    {
        switch (campaign.AudienceKind)
        {
            case AudienceKind.Subtree:
                var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
                var inTree = new HashSet<Guid>();
                var stack = new Stack<Guid>([campaign.AudienceUnitId!.Value]);
                while (stack.TryPop(out var u))
                {
                    if (inTree.Add(u))
                    {
                        foreach (var c in children[u])
                        {
                            stack.Push(c.Id);
                        }
                    }
                }

                return people.Where(p => inTree.Contains(p.OrgUnitId)).ToList();
            case AudienceKind.Filter:
                return people.Where(p => p.Attributes.Any(a =>
                    string.Equals(a.Name, campaign.AudienceAttribute, StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(a.Value, campaign.AudienceValue, StringComparison.OrdinalIgnoreCase))).ToList();
            default:
                return people;
        }
    }

    /// <summary>Canonical JSON (ordinal-sorted keys) of a person's reporting attributes.</summary>
    public static string Demographics(Person p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var sorted = new SortedDictionary<string, string>(p.Attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        return JsonSerializer.Serialize(sorted);
    }

    /// <summary>New tokens for every invitee who has not answered; earlier links for them stop working.</summary>
    public async Task<Result<IReadOnlyList<InvitationLink>>> ReissueLinksAsync(Guid id, CancellationToken ct)
    {
        if (await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        if (campaign.Status != CampaignStatus.Open)
        {
            return new CampaignError.NotOpen(campaign.Status);
        }

        var pending = await db.Invitations.Where(i => i.CampaignId == id && !i.Spent)
            .Join(db.People, i => i.PersonId, p => p.Id, (i, p) => new { Invitation = i, p.EmployeeId, p.Name, p.Email })
            .ToListAsync(ct);
        var links = new List<InvitationLink>(pending.Count);
        foreach (var x in pending.OrderBy(x => x.EmployeeId, StringComparer.Ordinal))
        {
            var token = BallotBox.NewToken();
            x.Invitation.ReplaceToken(BallotBox.HashToken(token));
            links.Add(new InvitationLink(x.EmployeeId, x.Name, x.Email, token));
        }

        await db.SaveChangesAsync(ct);
        return links;
    }

    /// <summary>Closes an open campaign: unseals the ballot box in one transaction, then destroys the key.</summary>
    public async Task<Result<ClosedCampaign>> CloseAsync(Guid id, CancellationToken ct)
    {
        if (await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        var closed = campaign.Close(clock.GetUtcNow().UtcDateTime);
        if (!closed.IsSuccess)
        {
            return closed.Error!;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var count = await box.UnsealAsync(db, campaign.Id, ct);
        await tx.CommitAsync(ct);
        box.DestroyKey(campaign.Id);
        return new ClosedCampaign(Summary(campaign), count);
    }

    public async Task<Result<CampaignSummary>> PublishAsync(Guid id, CancellationToken ct)
    {
        if (await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        var published = campaign.Publish();
        if (!published.IsSuccess)
        {
            return published.Error!;
        }

        await db.SaveChangesAsync(ct);
        return Summary(campaign);
    }

    /// <summary>Changes the noisy-live-count setting (draft or open, until the first noisy release).</summary>
    public async Task<Result<CampaignSummary>> SetNoisyLiveCountsAsync(Guid id, NoisyLiveCountsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        var result = campaign.SetNoisyLiveCounts(request.Enabled, request.EpsilonPerRelease ?? campaign.NoisyEpsilon, request.Budget ?? campaign.NoisyBudget);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        await db.SaveChangesAsync(ct);
        return Summary(campaign);
    }

    /// <summary>
    /// Live response rate for admins: counts only, never who. With noisy live counts on and the campaign open, every call
    /// is one release: it spends ε and returns a noisy responded count (invited stays exact: it is fixed at open), or, once
    /// the budget is used up, the last released figures again.
    /// </summary>
    public async Task<Result<Participation>> ParticipationAsync(Guid id, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
            {
                return new NotFound("campaign", id.ToString());
            }

            // Marks still held, plus marks already folded into per-unit counts (after the appeal window, or erased people).
            var invited = await db.Invitations.CountAsync(i => i.CampaignId == id, ct)
                + await db.ParticipationCounts.Where(p => p.CampaignId == id).SumAsync(p => p.Invited, ct);
            var responded = await db.Invitations.CountAsync(i => i.CampaignId == id && i.Spent, ct)
                + await db.ParticipationCounts.Where(p => p.CampaignId == id).SumAsync(p => p.Responded, ct);

            if (!campaign.NoisyLiveCounts || campaign.Status != CampaignStatus.Open || invited == 0)
            {
                return new Participation(invited, responded, invited == 0 ? 0 : (double)responded / invited);
            }

            var release = campaign.ReleaseNoisyCount(invited, responded, random);
            try
            {
                if (release.Fresh)
                {
                    await db.SaveChangesAsync(ct);
                }
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another view spent ε at the same time: reload and try again, so no ε is spent twice or lost.
                db.ChangeTracker.Clear();
                continue;
            }

            var budget = campaign.NoisyPrivacyBudget;
            var e = campaign.NoisyEpsilon.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var spent = budget.Spent.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var total = budget.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var note = release.Fresh
                ? $"The responded count includes random noise (ε = {e} per view) so that no single answer can be seen arriving; ε {spent} of {total} spent."
                : $"The privacy budget for live counts is used up (ε {spent} of {total}); these are the last released figures and will not change while the campaign is open.";
            return new Participation(
                release.Invited,
                release.Responded,
                release.Invited == 0 ? 0 : (double)release.Responded / release.Invited,
                new ParticipationNoise(campaign.NoisyEpsilon, budget.Total, budget.Spent, !release.Fresh, note));
        }
    }
}

public sealed record CampaignValidation(IDictionary<string, string[]> Errors)
    : Error("campaign.invalid", "Some fields are not valid; nothing was changed."), IFieldErrors;

public abstract record CampaignOpenError(string Code, string Message) : Error(Code, Message)
{
    public sealed record EmptyAudience() : CampaignOpenError("campaign.empty_audience", "Nobody on the roster matches this audience today, so there is no one to invite.");
}
