using System.Security.Claims;
using Belonging.Core;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Accounts;
using Belonging.Data.Campaigns;
using Belonging.Data.Results;
using Belonging.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Belonging.Web.Features.Results;

public sealed record Overview(CampaignData Campaign, UnitNode Unit, Disclosure<GroupScores> Scores, Overview? Previous);

/// <summary>Answers to one open question, released as a whole or not at all.</summary>
public sealed record CommentSet(ItemInfo Item, Disclosure<IReadOnlyList<string>> Comments);

/// <summary>Loads closed campaigns and answers results questions, checking who may see what on every call.</summary>
public sealed class ResultsQuery(AppDbContext db, IMemoryCache cache)
{
    private readonly CampaignResults campaignResults = new(db, cache);

    /// <summary>Loads a closed campaign for the release warmer (no viewer: computes and stores the release at close).</summary>
    public Task<Result<CampaignData>> WarmAsync(Guid campaignId, CancellationToken ct) => campaignResults.LoadAsync(campaignId, ct);

    /// <summary>
    /// Authorises from the campaign row first — an employee only for published results, a leader only with a scope —
    /// and only then loads (and, on the first load after close, computes) the release.
    /// </summary>
    public async Task<Result<CampaignData>> LoadAsync(Guid campaignId, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var row = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => new { c.Status, c.ResultsPublished }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return new NotFound("campaign", campaignId.ToString());
        }

        var allowed = Auth.RoleOf(user) switch
        {
            Role.Admin => true,
            Role.Leader => Auth.ScopeOf(user) is not null,
            _ => row.ResultsPublished,
        };
        if (!allowed)
        {
            return new ResultsError.NotAllowed();
        }

        return row.Status != CampaignStatus.Closed ? new ResultsNotClosedError() : await campaignResults.LoadAsync(campaignId, ct);
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
            // Outside an admin's view, an unknown unit answers exactly as a unit outside the scope: ids cannot be probed.
            return role == Role.Admin ? new NotFound("org unit", target.ToString()) : new ResultsError.NotAllowed();
        }

        // Employees see the organisation level only.
        if (role == Role.Employee && target != data.Root.Id)
        {
            return new ResultsError.NotAllowed();
        }

        return data.IsWithin(target, scope.Value) ? node : new ResultsError.NotAllowed();
    }

    /// <summary>Scores one cell of the campaign's release: released only if the release reports the cell.</summary>
    public static Disclosure<GroupScores> Score(CampaignData data, CellKey cell) => CampaignResults.Score(data, cell);

    public static CellKey UnitCell(Guid unitId) => CampaignResults.UnitCell(unitId);

    public async Task<Result<Overview>> OverviewAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, user, ct);
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
            previous = new Overview(prev, prevUnit, Score(prev, UnitCell(prevUnit.Id)), null);
        }

        return new Overview(data, unit.Value, Score(data, UnitCell(unit.Value.Id)), previous);
    }

    private Task<CampaignData?> PreviousAsync(CampaignData data, CancellationToken ct) => campaignResults.PreviousAsync(data, ct);

    /// <summary>
    /// Organisation-level comments per open question, for admins. A question's comments are shown only when at least
    /// k_c people wrote one, in the stored (shuffled) order, without dates or units. Comments are not released for
    /// sub-units: two overlapping comment lists could be differenced down to fewer than k_c authors.
    /// </summary>
    public async Task<Result<IReadOnlyList<CommentSet>>> CommentsAsync(Guid campaignId, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, user, ct);
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

    /// <summary>
    /// The campaign's anonymity audit for the viewer's own scope (admins: the whole release; leaders: the cells of their
    /// subtree only, with the counts recounted over those cells), so no bound of a hidden cell outside their scope is published to them.
    /// </summary>
    public async Task<Result<(CampaignData Data, AnonymityAudit Audit)>> AuditAsync(Guid campaignId, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, user, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        if (Auth.RoleOf(user) == Role.Employee)
        {
            return new ResultsError.NotAllowed();
        }

        var data = loaded.Value;
        var scope = Authorise(data, user, null);
        if (!scope.IsSuccess)
        {
            return scope.Error!;
        }

        var release = data.Release!;
        if (scope.Value.Id == data.Root.Id)
        {
            return (data, release.Audit);
        }

        var inScope = data.Subtree(scope.Value.Id).Select(u => u.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        return (data, release.AuditWithin(c => inScope.Contains(c.Unit)));
    }

    /// <summary>Loads a closed campaign and checks that the user may see <paramref name="unitId"/> (default: their scope); tables (heatmap, breakdowns) are for leaders and admins.</summary>
    private async Task<Result<(CampaignData Data, UnitNode Scope)>> ScopedAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, bool tables, CancellationToken ct)
    {
        var loaded = await LoadAsync(campaignId, user, ct);
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

    /// <summary>The campaign and the scope a leader or admin may export.</summary>
    public Task<Result<(CampaignData Data, UnitNode Scope)>> ExportScopeAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, CancellationToken ct) =>
        ScopedAsync(campaignId, user, unitId, tables: true, ct);

    /// <summary>Every unit in the scope's subtree, each scored on its own (heatmap rows).</summary>
    public async Task<Result<Table>> HeatmapAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, int maxDepth, CancellationToken ct)
    {
        var scoped = await ScopedAsync(campaignId, user, unitId, tables: true, ct);
        if (!scoped.IsSuccess)
        {
            return scoped.Error!;
        }

        var (data, scopeNode) = scoped.Value;

        return CampaignResults.Heatmap(data, scopeNode, maxDepth);
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

        return CampaignResults.Breakdown(data, scopeNode, attribute, crossedWith).Match(
            t => Result<Table>.Success(t),
            e => e is UnknownAttributeError u ? new ResultsError.UnknownGrouping(u.Attribute, data.DesignatedAttributes) : e);
    }

    /// <summary>
    /// Which blueprint components most explain the sense-of-belonging outcome in the scope unit (relative weights and
    /// dominance). Served only for a released cell, and only when at least 30 people answered everything needed.
    /// </summary>
    public async Task<Result<(CampaignData Data, UnitNode Scope, Disclosure<Result<DriverAnalysis>> Drivers, Disclosure<IReadOnlyList<ComponentReliabilityRow>> Reliability)>> DriversAsync(Guid campaignId, ClaimsPrincipal user, Guid? unitId, CancellationToken ct)
    {
        var scoped = await ScopedAsync(campaignId, user, unitId, tables: true, ct);
        if (!scoped.IsSuccess)
        {
            return scoped.Error!;
        }

        var (data, scopeNode) = scoped.Value;
        var names = Enum.GetValues<BlueprintComponent>().Select(ResultsViews.ComponentName).ToArray();
        return (data, scopeNode, CampaignResults.Drivers(data, scopeNode.Id, names), CampaignResults.Reliability(data, scopeNode.Id));
    }

    /// <summary>
    /// The same breakdown in the previous closed campaign (same unit, same attribute values), for trends per group: each
    /// group is compared only with itself, and only where both releases report it.
    /// </summary>
    public async Task<Table?> PreviousBreakdownAsync(Table table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (await PreviousAsync(table.Campaign, ct) is not { } previous || !previous.UnitById.TryGetValue(table.Scope.Id, out var unit) || table.Attribute is null)
        {
            return null;
        }

        var parts = table.Attribute.Split(" × ");
        var result = CampaignResults.Breakdown(previous, unit, parts[0], parts.Length > 1 ? parts[1] : null);
        return result.IsSuccess ? result.Value : null;
    }

    /// <summary>Gap table for a breakdown: each released group against the rest of the scope, with FDR control.</summary>
    public static IReadOnlyList<GapRow> Gaps(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var data = table.Campaign;
        var whole = Score(data, UnitCell(table.Scope.Id));
        return GapAnalysis.Compare(table.Rows.Select(r => (r.Label, r.Scores)).ToList(), whole, data.K);
    }
}

public abstract record ResultsError(string Code, string Message) : Error(Code, Message)
{
    public sealed record NotAllowed() : ResultsError("results.not_allowed", "You may not see results for this part of the organisation.");

    public sealed record MalformedUnit(string Given) : ResultsError("results.malformed_unit", "The unit in the address is not a unit id (it should look like 3f2b8c1e-…). Open the results from the menu to choose a team.");

    /// <summary>Parses the unit query value of a results page: absent means the viewer's scope; anything but a GUID is refused.</summary>
    public static Result<Guid?> ParseUnit(string? given) =>
        string.IsNullOrEmpty(given) ? (Guid?)null
        : Guid.TryParse(given, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id
        : new MalformedUnit(given);

    public sealed record UnknownGrouping(string Attribute, IReadOnlyList<string> Known)
        : ResultsError("results.unknown_attribute", $"There is no reporting attribute '{Attribute}' in this campaign. Known attributes: {string.Join(", ", Known)}.");
}
