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

/// <summary>
/// The response rate as an admin may see it: the campaign's stored daily figure (taken at most once per UTC day while
/// open; final after close). <see cref="Responded"/> and <see cref="Rate"/> are null — and <see cref="Hidden"/> says
/// why — until at least k people have answered, so the figure never describes a group below k. With noisy live counts
/// on and the campaign open, <see cref="Responded"/> is noisy and <see cref="Noise"/> says how.
/// </summary>
/// <param name="AsOf">The day (UTC) the figures were taken.</param>
/// <param name="Invited">Number invited (fixed at open).</param>
/// <param name="Responded">Responded count, or null while fewer than k have answered.</param>
/// <param name="Rate">Responded / invited, or null with <paramref name="Responded"/>.</param>
/// <param name="Hidden">Why the responded count is withheld, or null when it is shown.</param>
/// <param name="Noise">How a noisy figure was produced, or null when exact.</param>
public sealed record Participation(DateOnly AsOf, int Invited, int? Responded, double? Rate, string? Hidden, ParticipationNoise? Noise = null);

/// <summary>How a noisy participation figure was produced.</summary>
/// <param name="EpsilonPerRelease">ε of each (daily) release.</param>
/// <param name="Budget">Total ε.</param>
/// <param name="Spent">ε spent so far.</param>
/// <param name="BudgetExhausted">True when today's figure could not be paid for and repeats the last released one.</param>
/// <param name="Note">Plain-language explanation for the page.</param>
public sealed record ParticipationNoise(decimal EpsilonPerRelease, decimal Budget, decimal Spent, bool BudgetExhausted, string Note);

/// <summary>One line of a campaign's distribution log: when, what was done with links, how many — never who.</summary>
/// <param name="On">The day (UTC).</param>
/// <param name="Kind">Machine-readable kind (<see cref="DistributionKind"/>).</param>
/// <param name="What">Plain-language description.</param>
/// <param name="Count">How many links.</param>
public sealed record DistributionLogLine(DateOnly On, string Kind, string What, int Count);

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

        // Once the release is stored, only statistics of its published groups remain (ADR 9): no stricter version can be proven safe.
        if ((request.K != campaign.K || request.KComments != campaign.KComments)
            && await db.PublishedReleases.AnyAsync(r => r.CampaignId == id, ct))
        {
            return new ThresholdsLockedAfterReleaseError(campaign.K, campaign.KComments);
        }

        var result = campaign.SetThresholds(request.K, request.KComments);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        await db.SaveChangesAsync(ct);
        return Summary(campaign);
    }

    /// <summary>
    /// Opens a draft: freezes the org tree and the audience (units and attributes as of today), creates a key and one
    /// single-use link per invitee, and records in the distribution log, in the same transaction, how the links leave
    /// the system (<paramref name="delivery"/>). The caller mails or exports the returned links; this is the only time
    /// every link exists outside the database.
    /// </summary>
    public async Task<Result<OpenedCampaign>> OpenAsync(Guid id, LinkDelivery delivery, CancellationToken ct)
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
            var demographics = Demographics(p);
            db.Invitations.Add(new Invitation(campaign.Id, p.Id, p.OrgUnitId, demographics, BallotBox.HashToken(token)));
            db.RosterEntries.Add(new RosterEntry(campaign.Id, p.Id, p.OrgUnitId, demographics));
            links.Add(new InvitationLink(p.EmployeeId, p.Name, p.Email, token));
        }

        db.DistributionLog.Add(new DistributionLogEntry(campaign.Id, today, delivery == LinkDelivery.Mail ? DistributionKind.MailedAtOpen : DistributionKind.ExportedAtOpen, links.Count));
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

    /// <summary>
    /// A new link for one invitee, on their request (earlier links of theirs stop working). It behaves exactly alike
    /// whether or not they have answered: an answered invitation stays answered, and its new link shows the survey and
    /// acknowledges a submission like any other while recording nothing. Recorded in the distribution log (date and
    /// count, never who).
    /// </summary>
    /// <returns>The new link (the caller mails it, or hands it to the admin once), or <see cref="NotFound"/> when nobody with this employee id was invited.</returns>
    public async Task<Result<InvitationLink>> ReissueOnRequestAsync(Guid id, string employeeId, LinkDelivery delivery, CancellationToken ct)
    {
        if (await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        if (campaign.Status != CampaignStatus.Open)
        {
            return new CampaignError.NotOpen(campaign.Status);
        }

        var key = (employeeId ?? "").Trim();
        // Deliberately no filter on Spent: the answer must not depend on whether this person has answered.
        var invitee = key.Length == 0 ? null : await db.Invitations.Where(i => i.CampaignId == id)
            .Join(db.People.Where(p => p.EmployeeId == key), i => i.PersonId, p => p.Id, (i, p) => new { Invitation = i, p.EmployeeId, p.Name, p.Email })
            .FirstOrDefaultAsync(ct);
        if (invitee is null)
        {
            return new NotFound("invitee of this campaign with employee id", key);
        }

        var token = BallotBox.NewToken();
        invitee.Invitation.ReplaceToken(BallotBox.HashToken(token));
        var kind = delivery == LinkDelivery.Mail ? DistributionKind.ReissuedOnRequestMailed : DistributionKind.ReissuedOnRequestExported;
        db.DistributionLog.Add(new DistributionLogEntry(id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), kind, 1));
        await db.SaveChangesAsync(ct);
        return new InvitationLink(invitee.EmployeeId, invitee.Name, invitee.Email, token);
    }

    /// <summary>
    /// New links for every invitee at once, answered or not (earlier links stop working), for the system to e-mail.
    /// Refused unless <paramref name="delivery"/> is <see cref="LinkDelivery.Mail"/>: handing everyone's link to the admin
    /// again would be a second export. Recorded in the distribution log.
    /// </summary>
    public async Task<Result<IReadOnlyList<InvitationLink>>> ReissueToEveryoneAsync(Guid id, LinkDelivery delivery, CancellationToken ct)
    {
        if (await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
        {
            return new NotFound("campaign", id.ToString());
        }

        if (campaign.Status != CampaignStatus.Open)
        {
            return new CampaignError.NotOpen(campaign.Status);
        }

        if (delivery != LinkDelivery.Mail)
        {
            return new CampaignError.MailRequired();
        }

        // Deliberately every invitation, answered or not: who receives a message must not depend on who has answered.
        var everyone = await db.Invitations.Where(i => i.CampaignId == id)
            .Join(db.People, i => i.PersonId, p => p.Id, (i, p) => new { Invitation = i, p.EmployeeId, p.Name, p.Email })
            .ToListAsync(ct);
        var links = new List<InvitationLink>(everyone.Count);
        foreach (var x in everyone.OrderBy(x => x.EmployeeId, StringComparer.Ordinal))
        {
            var token = BallotBox.NewToken();
            x.Invitation.ReplaceToken(BallotBox.HashToken(token));
            links.Add(new InvitationLink(x.EmployeeId, x.Name, x.Email, token));
        }

        db.DistributionLog.Add(new DistributionLogEntry(id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), DistributionKind.ReissuedToEveryoneMailed, links.Count));
        await db.SaveChangesAsync(ct);
        return links;
    }

    /// <summary>The campaign's distribution log, oldest first: for the works council, so it holds no person.</summary>
    public async Task<Result<IReadOnlyList<DistributionLogLine>>> DistributionLogAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == id, ct))
        {
            return new NotFound("campaign", id.ToString());
        }

        var entries = await db.DistributionLog.AsNoTracking().Where(e => e.CampaignId == id)
            .Select(e => new { e.On, e.Kind, e.Count }).ToListAsync(ct);
        // Ids are random, so entries of one day are ordered by kind (opening first); nothing finer is kept.
        return entries.OrderBy(e => e.On).ThenBy(e => e.Kind)
            .Select(e => new DistributionLogLine(e.On, e.Kind.ToString(), DistributionLogEntry.Describe(e.Kind, e.Count), e.Count))
            .ToList();
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
    /// The response rate for admins: counts only, never who, and only for a group of at least k (invited and responded).
    /// While open the figures come from the campaign's stored daily snapshot: the first call of a UTC day takes it (with
    /// noisy live counts on, that is the day's one release: it spends ε once and stores a noisy responded count, or,
    /// once the budget is used up, the last released figure), and every later call that day returns it unchanged.
    /// After close the final exact counts are served.
    /// </summary>
    public async Task<Result<Participation>> ParticipationAsync(Guid id, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } campaign)
            {
                return new NotFound("campaign", id.ToString());
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var rule = new MinimumGroupRule(campaign.K);
            if (campaign.Status != CampaignStatus.Open)
            {
                var (allInvited, allResponded) = await CountAsync(id, ct);
                var asOf = campaign.ClosedAt is { } closedAt ? DateOnly.FromDateTime(closedAt) : today;
                return Show(rule, asOf, allInvited, allResponded, allResponded, noise: null);
            }

            var snapshot = await db.ParticipationSnapshots.FirstOrDefaultAsync(p => p.CampaignId == id, ct);
            if (snapshot is null || snapshot.TakenOn != today)
            {
                var (invited, responded) = await CountAsync(id, ct);
                var released = responded;
                var noisy = false;
                var exhausted = false;
                // Noise is only paid for when the count will be shown at all (at least k answered).
                if (campaign.NoisyLiveCounts && invited > 0 && responded >= campaign.K)
                {
                    var release = campaign.ReleaseNoisyCount(invited, responded, random);
                    (released, noisy, exhausted) = (release.Responded, true, !release.Fresh);
                }

                if (snapshot is null)
                {
                    snapshot = new ParticipationSnapshot(id);
                    db.ParticipationSnapshots.Add(snapshot);
                }

                snapshot.Take(today, invited, responded, released, noisy, exhausted);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // Another call took today's snapshot (or spent ε) at the same time: reload and serve that one, so the day
                    // has one figure and no ε is spent twice.
                    db.ChangeTracker.Clear();
                    continue;
                }
            }

            return Show(rule, snapshot.TakenOn, snapshot.Invited, snapshot.Responded, snapshot.Released, snapshot.Noisy ? NoiseOf(campaign, snapshot.BudgetExhausted) : null);
        }
    }

    private async Task<(int Invited, int Responded)> CountAsync(Guid id, CancellationToken ct)
    {
        // Marks still held, plus marks already folded into per-unit counts (after the appeal window, or erased people).
        var invited = await db.Invitations.CountAsync(i => i.CampaignId == id, ct)
            + await db.ParticipationCounts.Where(p => p.CampaignId == id).SumAsync(p => p.Invited, ct);
        var responded = await db.Invitations.CountAsync(i => i.CampaignId == id && i.Spent, ct)
            + await db.ParticipationCounts.Where(p => p.CampaignId == id).SumAsync(p => p.Responded, ct);
        return (invited, responded);
    }

    /// <summary>The k rule on the exact responded count decides; the figure shown is <paramref name="released"/>. Zero and 1…k−1 answers read alike.</summary>
    private static Participation Show(MinimumGroupRule rule, DateOnly asOf, int invited, int responded, int released, ParticipationNoise? noise) =>
        rule.Apply(responded, () => released).Match(
            r => new Participation(asOf, invited, r.Value, invited == 0 ? 0 : (double)r.Value / invited, null, noise),
            _ => new Participation(asOf, invited, null, null, $"The number who answered is shown once at least {rule.K.ToString(System.Globalization.CultureInfo.InvariantCulture)} people have answered.", null));

    private static ParticipationNoise NoiseOf(Campaign campaign, bool exhausted)
    {
        var budget = campaign.NoisyPrivacyBudget;
        var e = campaign.NoisyEpsilon.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spent = budget.Spent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var total = budget.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var note = exhausted
            ? $"The privacy budget for live counts is used up (ε {spent} of {total}); these are the last released figures and will not change while the campaign is open."
            : $"The responded count includes random noise (ε = {e} per daily figure) so that no single answer can be seen arriving; ε {spent} of {total} spent.";
        return new ParticipationNoise(campaign.NoisyEpsilon, budget.Total, budget.Spent, exhausted, note);
    }
}

public sealed record CampaignValidation(IDictionary<string, string[]> Errors)
    : Error("campaign.invalid", "Some fields are not valid; nothing was changed."), IFieldErrors;

public abstract record CampaignOpenError(string Code, string Message) : Error(Code, Message)
{
    public sealed record EmptyAudience() : CampaignOpenError("campaign.empty_audience", "Nobody on the roster matches this audience today, so there is no one to invite.");
}
