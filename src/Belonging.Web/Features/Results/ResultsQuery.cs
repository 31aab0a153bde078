using System.Security.Claims;
using Belonging.Core;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Accounts;
using Belonging.Data.Campaigns;
using Belonging.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Belonging.Web.Features.Results;

public sealed record GroupRow(Guid? UnitId, string Label, int Depth, Disclosure<GroupScores> Scores);

public sealed record Overview(CampaignData Campaign, UnitNode Unit, Disclosure<GroupScores> Scores, Overview? Previous);

/// <summary>Answers to one open question, released as a whole or not at all.</summary>
public sealed record CommentSet(ItemInfo Item, Disclosure<IReadOnlyList<string>> Comments);

public sealed record Table(CampaignData Campaign, UnitNode Scope, string? Attribute, IReadOnlyList<GroupRow> Rows);

/// <summary>Loads closed campaigns and answers results questions, checking who may see what on every call.</summary>
public sealed class ResultsQuery(AppDbContext db, IMemoryCache cache)
{
    public async Task<Result<CampaignData>> LoadAsync(Guid campaignId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return new NotFound("campaign", campaignId.ToString());
        }

        if (campaign.Status != CampaignStatus.Closed)
        {
            return new ResultsError.NotClosed();
        }

        var key = (campaignId, campaign.K, campaign.KComments);
        if (cache.TryGetValue(key, out CampaignData? cached) && cached is not null)
        {
            cached.Published = campaign.ResultsPublished;
            return cached;
        }

        var units = await db.CampaignUnits.AsNoTracking().Where(u => u.CampaignId == campaignId).ToListAsync(ct);
        var items = await db.InstrumentItems.AsNoTracking().Where(i => i.VersionId == campaign.InstrumentVersionId).ToListAsync(ct);
        var sets = await db.ResponseSets.AsNoTracking().Where(r => r.CampaignId == campaignId).ToListAsync(ct);
        var ordered = items.OrderBy(i => i.Position).ToList();
        var data = new CampaignData(
            campaign,
            units,
            ordered.Select(i => new ItemInfo(i.Position, i.Code, i.Text, i.Scale, i.Component, i.Outcome)).ToList(),
            sets,
            ordered.Select(i => new ScoredItem(i.Position, i.Scale, i.Component, i.Outcome, i.ReverseKeyed)).ToList());
        var invited = await db.Invitations.AsNoTracking().Where(i => i.CampaignId == campaignId)
            .GroupBy(i => i.LeafUnitId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        data.InvitedByLeaf = invited.Count > 0
            ? invited.ToDictionary(x => x.Key, x => x.N)
            : (await db.ParticipationCounts.AsNoTracking().Where(p => p.CampaignId == campaignId).ToListAsync(ct)).ToDictionary(p => p.UnitId, p => p.Invited);
        var design = ReleaseDesign.Parse(campaign.ReportingDesign);
        var policy = design.ToPolicy(campaign.K, campaign.KComments);
        var request = data.Snapshot(policy.Attributes.Select(a => a.Attribute).ToHashSet(StringComparer.Ordinal));
        var previous = await PreviousAsync(data, ct);
        var release = previous?.Release is { } prev ? CampaignRelease.ComputeFollowing(request, policy, prev) : CampaignRelease.Compute(request, policy);
        if (!release.IsSuccess)
        {
            return release.Error!;
        }

        data.Release = release.Value;
        // A closed campaign's answers and frozen tree never change; thresholds are part of the key (raising k recomputes),
        // and publication is read above on every load.
        cache.Set(key, data, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        return data;
    }

    /// <summary>Closed campaigns the user may see, newest first.</summary>
    public async Task<IReadOnlyList<Campaign>> VisibleCampaignsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var closed = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Closed).ToListAsync(ct);
        var role = Auth.RoleOf(user);
        return closed.Where(c => role != Role.Employee || c.ResultsPublished).OrderByDescending(c => c.ClosedAt).ToList();
    }

    /// <summary>Which unit the user sees by default, and whether they may see <paramref name="unitId"/>.</summary>
    public static Result<UnitNode> Authorise(CampaignData data, ClaimsPrincipal user, Guid? unitId)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(user);
        var role = Auth.RoleOf(user);
        var scope = role switch
        {
            Role.Admin => data.Root.Id,
            Role.Leader => Auth.ScopeOf(user) is { } s && data.UnitById.ContainsKey(s) ? s : (Guid?)null,
            _ => data.Published ? data.Root.Id : null,
        };
        if (scope is null)
        {
            return new ResultsError.NotAllowed();
        }

        var target = unitId ?? scope.Value;
        if (!data.UnitById.TryGetValue(target, out var node))
        {
            return new NotFound("org unit", target.ToString());
        }

        // Employees see the organisation level only.
        if (role == Role.Employee && target != data.Root.Id)
        {
            return new ResultsError.NotAllowed();
        }

        return data.IsWithin(target, scope.Value) ? node : new ResultsError.NotAllowed();
    }

    /// <summary>Scores one cell of the campaign's release: released only if the release reports the cell.</summary>
    public static Disclosure<GroupScores> Score(CampaignData data, CellKey cell, IReadOnlyList<int> members)
    {
        ArgumentNullException.ThrowIfNull(data);
        var release = data.Release ?? throw new InvalidOperationException("Results are served only from a computed release.");
        return GroupScoring.Score(data.ScoredItems, data.AnswerSets, members, new MinimumGroupRule(data.K), f => release.Disclose(cell, f));
    }

    public static CellKey UnitCell(Guid unitId) => new(unitId.ToString());

    public async Task<Result<Overview>> OverviewAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var data = loaded.Value;
        var unit = Authorise(data, user, unitId);
        if (!unit.IsSuccess)
        {
            return unit.Error!;
        }

        Overview? previous = null;
        if (await PreviousAsync(data, ct) is { } prev && prev.UnitById.TryGetValue(unit.Value.Id, out var prevUnit))
        {
            previous = new Overview(prev, prevUnit, Score(prev, UnitCell(prevUnit.Id), prev.Members(prevUnit.Id)), null);
        }

        return new Overview(data, unit.Value, Score(data, UnitCell(unit.Value.Id), data.Members(unit.Value.Id)), previous);
    }

    /// <summary>The campaign closed most recently before this one, if any.</summary>
    private async Task<CampaignData?> PreviousAsync(CampaignData data, CancellationToken ct)
    {
        var closedBefore = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Closed && c.Id != data.CampaignId && c.ClosedAt < data.ClosedAt)
            .Select(c => new { c.Id, c.ClosedAt })
            .ToListAsync(ct);
        var prev = closedBefore.OrderByDescending(c => c.ClosedAt).FirstOrDefault();
        if (prev is null)
        {
            return null;
        }

        var loaded = await LoadAsync(prev.Id, ct);
        return loaded.IsSuccess ? loaded.Value : null;
    }

    /// <summary>
    /// Organisation-level comments per open question, for admins. A question's comments are shown only when at least
    /// k_c people wrote one, in the stored (shuffled) order, without dates or units. Comments are not released for
    /// sub-units: two overlapping comment lists could be differenced down to fewer than k_c authors.
    /// </summary>
    public async Task<Result<IReadOnlyList<CommentSet>>> CommentsAsync(Guid campaignId, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        if (Auth.RoleOf(user) != Role.Admin)
        {
            return new ResultsError.NotAllowed();
        }

        var data = loaded.Value;
        var texts = await db.Comments.AsNoTracking().Where(c => c.CampaignId == campaignId).Select(c => new { c.ItemPosition, c.Text }).ToListAsync(ct);
        var rule = new MinimumGroupRule(data.KComments);
        return data.Items.Where(i => i.Scale == ItemScale.FreeText)
            .Select(i =>
            {
                var forItem = texts.Where(t => t.ItemPosition == i.Position).Select(t => t.Text).ToList();
                return new CommentSet(i, rule.Apply(forItem.Count, () => (IReadOnlyList<string>)forItem));
            })
            .ToList();
    }

    /// <summary>The campaign's anonymity audit (admins and leaders; it describes the whole release, never a person).</summary>
    public async Task<Result<(CampaignData Data, AnonymityAudit Audit)>> AuditAsync(Guid campaignId, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        if (Auth.RoleOf(user) == Role.Employee)
        {
            return new ResultsError.NotAllowed();
        }

        return (loaded.Value, loaded.Value.Release!.Audit);
    }

    /// <summary>Loads a closed campaign and checks that the user may see <paramref name="unitId"/> (default: their scope); tables (heatmap, breakdowns) are for leaders and admins.</summary>
    private async Task<Result<(CampaignData Data, UnitNode Scope)>> ScopedAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, bool tables, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var scope = Authorise(loaded.Value, user, unitId);
        if (!scope.IsSuccess)
        {
            return scope.Error!;
        }

        return tables && Auth.RoleOf(user) == Role.Employee ? new ResultsError.NotAllowed() : (loaded.Value, scope.Value);
    }

    /// <summary>Every unit in the scope's subtree, each scored on its own (heatmap rows).</summary>
    public async Task<Result<Table>> HeatmapAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, int maxDepth, CancellationToken ct)
    {
        var scoped = await ScopedAsync(campaignId, user, unitId, tables: true, ct);
        if (!scoped.IsSuccess)
        {
            return scoped.Error!;
        }

        var (data, scopeNode) = scoped.Value;

        var rows = data.Subtree(scopeNode.Id)
            .Where(u => u.Depth - scopeNode.Depth <= maxDepth)
            .Select(u => new GroupRow(u.Id, u.Name, u.Depth - scopeNode.Depth, Score(data, UnitCell(u.Id), data.Members(u.Id))))
            .ToList();
        return new Table(data, scopeNode, null, rows);
    }

    /// <summary>
    /// The scope unit split by one reporting attribute's values, or by two attributes crossed (an intersection). Each
    /// row is a cell of the campaign's release; cells the release does not contain are shown as not reported.
    /// </summary>
    public async Task<Result<Table>> BreakdownAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, string attribute, CancellationToken ct, string? crossedWith = null)
    {
        var scoped = await ScopedAsync(campaignId, user, unitId, tables: true, ct);
        if (!scoped.IsSuccess)
        {
            return scoped.Error!;
        }

        var (data, scopeNode) = scoped.Value;

        var designation = data.Release?.Policy.Attributes.FirstOrDefault(a => a.Attribute == attribute);
        if (designation is null)
        {
            return new ResultsError.UnknownGrouping(attribute, data.DesignatedAttributes);
        }

        AttributeDesignation? second = null;
        if (!string.IsNullOrEmpty(crossedWith))
        {
            second = data.Release?.Policy.Attributes.FirstOrDefault(a => a.Attribute == crossedWith && a.Attribute != attribute);
            if (second is null)
            {
                return new ResultsError.UnknownGrouping(crossedWith, data.DesignatedAttributes);
            }
        }

        // Every value of the domain fixed at open is a row, answered or not, so the set of rows reveals nothing.
        var members = data.Members(scopeNode.Id);
        string ValueOf(int i, AttributeDesignation d) =>
            data.Demographics[i].TryGetValue(d.Attribute, out var v) && d.Values.Contains(v, StringComparer.Ordinal) ? v : AttributeDesignation.NotDisclosed;
        static string Label(string v) => v == AttributeDesignation.NotDisclosed ? "Not stated" : v;
        var firstValues = designation.Values.Append(AttributeDesignation.NotDisclosed).ToArray();
        if (second is null)
        {
            var byValue = members.ToLookup(i => ValueOf(i, designation), StringComparer.Ordinal);
            var groups = firstValues
                .Select(v => new GroupRow(null, Label(v), 0,
                    Score(data, new CellKey(scopeNode.Id.ToString(), new AttributeCondition(attribute, v)), byValue[v].ToArray())))
                .ToList();
            return new Table(data, scopeNode, attribute, groups);
        }

        var byPair = members.ToLookup(i => (ValueOf(i, designation), ValueOf(i, second)));
        var pairs = firstValues
            .SelectMany(v1 => second.Values.Append(AttributeDesignation.NotDisclosed).Select(v2 => (v1, v2)))
            .Select(p => new GroupRow(null, $"{Label(p.v1)} × {Label(p.v2)}", 0,
                Score(data, new CellKey(scopeNode.Id.ToString(), new AttributeCondition(attribute, p.v1), new AttributeCondition(second.Attribute, p.v2)), byPair[p].ToArray())))
            .ToList();
        return new Table(data, scopeNode, $"{attribute} × {second.Attribute}", pairs);
    }

    /// <summary>
    /// Which blueprint components most explain the sense-of-belonging outcome in the scope unit (relative weights and
    /// dominance). Served only for a released cell, and only when at least 30 people answered everything needed.
    /// </summary>
    public async Task<Result<(CampaignData Data, UnitNode Scope, Disclosure<Result<DriverAnalysis>> Drivers)>> DriversAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, CancellationToken ct)
    {
        var scoped = await ScopedAsync(campaignId, user, unitId, tables: true, ct);
        if (!scoped.IsSuccess)
        {
            return scoped.Error!;
        }

        var (data, scopeNode) = scoped.Value;
        var names = Enum.GetValues<BlueprintComponent>().Select(ResultsViews.ComponentName).ToArray();
        var disclosure = data.Release!.Disclose(UnitCell(scopeNode.Id), () =>
            Drivers.Analyse(DriverRows.ComponentsOnBelonging(data.ScoredItems, data.AnswerSets, data.Members(scopeNode.Id)), names));
        return (data, scopeNode, disclosure);
    }

    /// <summary>Gap table for a breakdown: each released group against the rest of the scope, with FDR control.</summary>
    public static IReadOnlyList<GapRow> Gaps(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var data = table.Campaign;
        var whole = Score(data, UnitCell(table.Scope.Id), data.Members(table.Scope.Id));
        return GapAnalysis.Compare(table.Rows.Select(r => (r.Label, r.Scores)).ToList(), whole, data.K);
    }
}

public abstract record ResultsError(string Code, string Message) : Error(Code, Message)
{
    public sealed record NotClosed() : ResultsError("results.not_closed", "Results become visible when the campaign closes. While it is open, only the response rate is shown, to admins.");

    public sealed record NotAllowed() : ResultsError("results.not_allowed", "You may not see results for this part of the organisation.");

    public sealed record UnknownGrouping(string Attribute, IReadOnlyList<string> Known)
        : ResultsError("results.unknown_attribute", $"There is no reporting attribute '{Attribute}' in this campaign. Known attributes: {string.Join(", ", Known)}.");
}
