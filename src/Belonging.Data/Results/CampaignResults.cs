using System.Text.Json;
using Belonging.Core;
using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using Belonging.Data.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Belonging.Data.Results;

/// <summary>A row of a results table: a unit (heatmap) or a group of a breakdown.</summary>
public sealed record GroupRow(Guid? UnitId, string Label, int Depth, Disclosure<GroupScores> Scores);

/// <summary>A results table over one scope unit.</summary>
public sealed record Table(CampaignData Campaign, UnitNode Scope, string? Attribute, IReadOnlyList<GroupRow> Rows);

/// <summary>The attribute is not one the campaign designated for breakdowns.</summary>
/// <param name="Attribute">The attribute asked for.</param>
public sealed record UnknownAttributeError(string Attribute)
    : Error("results.unknown_attribute", $"There is no reporting attribute '{Attribute}' in this campaign.");

/// <summary>Results are only visible once the campaign has closed.</summary>
public sealed record ResultsNotClosedError()
    : Error("results.not_closed", "Results become visible when the campaign closes. While it is open, only the response rate is shown, to admins.");

/// <summary>
/// Loads a closed campaign with its one static release. Every host (web pages, API, exports, CLI) reads results through
/// this class and <see cref="Score"/>, so none can show a cell the release withholds.
/// </summary>
/// <param name="db">The database.</param>
/// <param name="cache">Optional cache (the web host shares one; the CLI passes none).</param>
public sealed class CampaignResults(AppDbContext db, IMemoryCache? cache = null)
{
    private static readonly SemaphoreSlim PublishGate = new(1, 1);

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.General);

    /// <summary>
    /// Loads the campaign with its release as published: read back from the stored versions (never recomputed), or
    /// computed and stored on the first load after close, chained to the previous closed campaign so that two
    /// releases cannot be differenced. A threshold raised after close adds a stricter version (<see cref="CampaignRelease.Recompute"/>).
    /// </summary>
    public async Task<Result<CampaignData>> LoadAsync(Guid campaignId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return new NotFound("campaign", campaignId.ToString());
        }

        if (campaign.Status != CampaignStatus.Closed)
        {
            return new ResultsNotClosedError();
        }

        var key = (campaignId, campaign.K, campaign.KComments);
        if (cache is not null && cache.TryGetValue(key, out CampaignData? cached) && cached is not null)
        {
            cached.Published = campaign.ResultsPublished;
            return cached;
        }

        var data = await ReadAsync(campaign, ct);
        var previous = await PreviousAsync(data, ct);
        var released = await ReleaseAsync(campaign, data, previous?.FirstRelease, ct);
        if (!released.IsSuccess)
        {
            return released.Error!;
        }

        (data.FirstRelease, data.Release) = released.Value;
        data.UseReleasedAttributes(data.Release);
        // A closed campaign's answers, frozen tree and stored releases never change; thresholds are part of the key
        // (raising k adds a version), and publication is read above on every load.
        cache?.Set(key, data, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        return data;
    }

    private async Task<CampaignData> ReadAsync(Campaign campaign, CancellationToken ct)
    {
        var campaignId = campaign.Id;
        var units = await db.CampaignUnits.AsNoTracking().Where(u => u.CampaignId == campaignId).ToListAsync(ct);
        var items = await db.InstrumentItems.AsNoTracking().Where(i => i.VersionId == campaign.InstrumentVersionId).ToListAsync(ct);
        // Random 128-bit ids give an order that no insert or update can change (physical order can, on PostgreSQL).
        var sets = (await db.ResponseSets.AsNoTracking().Where(r => r.CampaignId == campaignId).ToListAsync(ct)).OrderBy(r => r.Id).ToList();
        var ordered = items.OrderBy(i => i.Position).ToList();
        var data = new CampaignData(
            campaign,
            units,
            ordered.Select(i => new ItemInfo(i.Position, i.Code, i.Text, i.Scale, i.Component, i.Outcome)).ToList(),
            sets,
            ordered.Select(i => new ScoredItem(i.Position, i.Scale, i.Component, i.Outcome, i.ReverseKeyed)).ToList());
        data.AnswerSetIds = sets.Select(s => s.Id).ToArray();
        // Invited per leaf = marks still held + marks folded into counts (after the appeal window, or erased people).
        var invited = await db.Invitations.AsNoTracking().Where(i => i.CampaignId == campaignId)
            .GroupBy(i => i.LeafUnitId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var folded = await db.ParticipationCounts.AsNoTracking().Where(p => p.CampaignId == campaignId).ToListAsync(ct);
        data.InvitedByLeaf = invited.Select(x => (Unit: x.Key, x.N)).Concat(folded.Select(p => (Unit: p.UnitId, N: p.Invited)))
            .GroupBy(x => x.Unit).ToDictionary(g => g.Key, g => g.Sum(x => x.N));
        return data;
    }

    /// <summary>The first published version (for later campaigns' cross-release checks) and the current one (what people read now).</summary>
    private async Task<Result<(CampaignRelease First, CampaignRelease Current)>> ReleaseAsync(Campaign campaign, CampaignData data, CampaignRelease? previousFirst, CancellationToken ct)
    {
        var design = ReleaseDesign.Parse(campaign.ReportingDesign);
        var attributes = design.ToPolicy(campaign.K, campaign.KComments).Attributes.Select(a => a.Attribute).ToHashSet(StringComparer.Ordinal);
        var request = data.Snapshot(attributes);
        var versions = await db.PublishedReleases.AsNoTracking().Where(r => r.CampaignId == campaign.Id).OrderBy(r => r.Version).ToListAsync(ct);
        if (versions.Count == 0)
        {
            await PublishGate.WaitAsync(ct);
            try
            {
                if (!await db.PublishedReleases.AnyAsync(r => r.CampaignId == campaign.Id, ct))
                {
                    var policy = design.ToPolicy(campaign.K, campaign.KComments);
                    var computed = previousFirst is null ? CampaignRelease.Compute(request, policy) : CampaignRelease.ComputeFollowing(request, policy, previousFirst);
                    if (!computed.IsSuccess)
                    {
                        return computed.Error!;
                    }

                    var withFigures = computed.Value.WithFigures(data.StableFigures());
                    await StoreAsync(campaign.Id, 1, withFigures, data, reduceRows: true, ct);
                    return (withFigures, withFigures);
                }
            }
            finally
            {
                PublishGate.Release();
            }

            // Another host stored it first: read that one back (the rows were reduced with it).
            return await ReleaseAsync(campaign, await ReadAsync(campaign, ct), previousFirst, ct);
        }

        // Figures are named by item code, so that a later campaign compares the same question even if it moved.
        var figures = data.StableFigures();
        // Only the first version (what later campaigns compare with) and the last (what people read now) are needed.
        var restored = new List<CampaignRelease>(2);
        foreach (var v in versions.Count == 1 ? [versions[0]] : new[] { versions[0], versions[^1] })
        {
            var stored = JsonSerializer.Deserialize<StoredRelease>(v.Release, StoredJson)!;
            var one = CampaignRelease.Restore(request, design.ToPolicy(v.K, v.KComments), stored, previousFirst);
            if (!one.IsSuccess)
            {
                return one.Error!;
            }

            restored.Add(one.Value.FiguresDecided ? one.Value.WithAnswers(figures) : one.Value);
        }

        var current = restored[^1];
        if (!current.FiguresDecided)
        {
            // Stored before figures were decided on their own counts: decide them now (only ever hides more) and keep them.
            current = current.WithFigures(figures);
            var json = JsonSerializer.Serialize(current.ToStored(), StoredJson);
            var id = versions[^1].Id;
            await db.PublishedReleases.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Release, json), ct);
            if (versions.Count == 1)
            {
                restored[0] = current;   // the first version is this one: later campaigns compare with its figures too
            }
        }

        if (campaign.K != current.Policy.K || campaign.KComments != current.Policy.CommentK)
        {
            var stricter = CampaignRelease.Recompute(request, design.ToPolicy(campaign.K, campaign.KComments), current);
            if (!stricter.IsSuccess)
            {
                return stricter.Error!;
            }

            var decided = stricter.Value.WithFigures(figures, current);
            await PublishGate.WaitAsync(ct);
            try
            {
                await StoreAsync(campaign.Id, versions[^1].Version + 1, decided, data, reduceRows: false, ct);
            }
            finally
            {
                PublishGate.Release();
            }

            current = decided;
        }

        return (restored[0], current);
    }

    /// <summary>Stores a version and, with the first one, reduces every answer set's attributes to what the release counted, in one transaction.</summary>
    private async Task StoreAsync(Guid campaignId, int version, CampaignRelease release, CampaignData data, bool reduceRows, CancellationToken ct)
    {
        if (await db.PublishedReleases.AnyAsync(r => r.CampaignId == campaignId && r.Version == version, ct))
        {
            return;
        }

        try
        {
            await WriteAsync(campaignId, version, release, data, reduceRows, ct);
        }
        catch (DbUpdateException)
        {
            // Another process (the CLI beside the web host) may have stored the same version first; the computation is
            // deterministic, so what it stored is what we computed. Our transaction was rolled back.
            db.ChangeTracker.Clear();
            if (!await db.PublishedReleases.AnyAsync(r => r.CampaignId == campaignId && r.Version == version, ct))
            {
                throw;
            }
        }
    }

    private async Task WriteAsync(Guid campaignId, int version, CampaignRelease release, CampaignData data, bool reduceRows, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (reduceRows)
            {
                var byJson = release.Respondents
                    .Select((r, i) => (Json: JsonSerializer.Serialize(new SortedDictionary<string, string>(r.Attributes.ToDictionary(), StringComparer.Ordinal)), Id: data.AnswerSetIds[i]))
                    .GroupBy(x => x.Json, StringComparer.Ordinal);
                foreach (var group in byJson)
                {
                    foreach (var chunk in group.Select(x => x.Id).Chunk(500))
                    {
                        await db.ResponseSets.Where(r => chunk.Contains(r.Id)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Demographics, group.Key), ct);
                    }
                }
            }

            db.PublishedReleases.Add(new PublishedRelease(Ids.New(), campaignId, version, release.Policy.K, release.Policy.CommentK,
                JsonSerializer.Serialize(release.ToStored(), StoredJson)));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        });
    }

    /// <summary>The campaign closed most recently before this one, if any.</summary>
    public async Task<CampaignData?> PreviousAsync(CampaignData data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
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

    /// <summary>Scores one cell of the campaign's release: released only if the release reports the cell.</summary>
    public static Disclosure<GroupScores> Score(CampaignData data, CellKey cell, IReadOnlyList<int> members)
    {
        ArgumentNullException.ThrowIfNull(data);
        var release = data.Release ?? throw new InvalidOperationException("Results are served only from a computed release.");
        return GroupScoring.Score(data.ScoredItems, data.AnswerSets, members, new MinimumGroupRule(data.K), f => release.Disclose(cell, f), figure => release.FigureReleased(cell, data.StableFigureId(figure)));
    }

    /// <summary>The release cell of an org unit (everyone in its subtree).</summary>
    public static CellKey UnitCell(Guid unitId) => new(unitId.ToString());

    /// <summary>Every unit in the scope's subtree down to <paramref name="maxDepth"/> levels below it, each scored on its own.</summary>
    public static Table Heatmap(CampaignData data, UnitNode scope, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scope);
        var rows = data.Subtree(scope.Id)
            .Where(u => u.Depth - scope.Depth <= maxDepth)
            .Select(u => new GroupRow(u.Id, u.Name, u.Depth - scope.Depth, Score(data, UnitCell(u.Id), data.Members(u.Id))))
            .ToList();
        return new Table(data, scope, null, rows);
    }

    /// <summary>
    /// The scope unit split by one designated attribute's values, or by two crossed (an intersection). Every value of the
    /// domain fixed at open is a row, answered or not, so the set of rows reveals nothing; each row is a release cell.
    /// </summary>
    public static Result<Table> Breakdown(CampaignData data, UnitNode scope, string attribute, string? crossedWith = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scope);
        var designation = data.Release?.Policy.Attributes.FirstOrDefault(a => a.Attribute == attribute);
        if (designation is null)
        {
            return new UnknownAttributeError(attribute);
        }

        AttributeDesignation? second = null;
        if (!string.IsNullOrEmpty(crossedWith))
        {
            second = data.Release?.Policy.Attributes.FirstOrDefault(a => a.Attribute == crossedWith && a.Attribute != attribute);
            if (second is null)
            {
                return new UnknownAttributeError(crossedWith);
            }
        }

        var members = data.Members(scope.Id);
        string ValueOf(int i, AttributeDesignation d) =>
            data.Demographics[i].TryGetValue(d.Attribute, out var v) && d.Values.Contains(v, StringComparer.Ordinal) ? v : AttributeDesignation.NotDisclosed;
        static string Label(string v) => v == AttributeDesignation.NotDisclosed ? "Not stated" : v;
        var firstValues = designation.Values.Append(AttributeDesignation.NotDisclosed).ToArray();
        if (second is null)
        {
            var byValue = members.ToLookup(i => ValueOf(i, designation), StringComparer.Ordinal);
            var groups = firstValues
                .Select(v => new GroupRow(null, Label(v), 0,
                    Score(data, new CellKey(scope.Id.ToString(), new AttributeCondition(attribute, v)), byValue[v].ToArray())))
                .ToList();
            return new Table(data, scope, attribute, groups);
        }

        var byPair = members.ToLookup(i => (ValueOf(i, designation), ValueOf(i, second)));
        var pairs = firstValues
            .SelectMany(v1 => second.Values.Append(AttributeDesignation.NotDisclosed).Select(v2 => (v1, v2)))
            .Select(p => new GroupRow(null, $"{Label(p.v1)} × {Label(p.v2)}", 0,
                Score(data, new CellKey(scope.Id.ToString(), new AttributeCondition(attribute, p.v1), new AttributeCondition(second.Attribute, p.v2)), byPair[p].ToArray())))
            .ToList();
        return new Table(data, scope, $"{attribute} × {second.Attribute}", pairs);
    }
}
