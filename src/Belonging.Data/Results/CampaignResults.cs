using System.Text.Json;
using Belonging.Core;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;
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

    /// <summary>Statistics may hold NaN (a pairwise covariance of two items nobody answered together).</summary>
    private static readonly JsonSerializerOptions StatisticsJson = new(JsonSerializerDefaults.General) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// Loads the campaign with its release as published: read back from the stored versions and the stored statistics of
    /// its reported cells (never recomputed), or computed and stored on the first load after close, chained to the
    /// previous closed campaign so that two releases cannot be differenced; storing it deletes the answer sets (ADR 9).
    /// Thresholds changed after that are refused (<see cref="ThresholdsLockedAfterReleaseError"/>).
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

        data = released.Value.Data;
        data.FirstRelease = released.Value.First;
        data.Release = released.Value.Current;
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
        var roster = await db.RosterEntries.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .Select(r => new { r.PersonId, r.LeafUnitId, r.Demographics }).ToListAsync(ct);
        data.Invitees = [.. roster.OrderBy(r => r.PersonId).Select(r => (r.PersonId, r.LeafUnitId,
            (IReadOnlyDictionary<string, string>)(JsonSerializer.Deserialize<Dictionary<string, string>>(r.Demographics) ?? [])))];
        return data;
    }

    /// <summary>
    /// The first published version (for later campaigns' cross-release checks) and the current one (what people read
    /// now), with the statistics every report reads. Three cases: nothing stored yet (compute, then store version 1,
    /// the statistics and delete the answer sets in one transaction); stored before ADR 9, answer sets still present
    /// (read back from the rows, then store the statistics and delete the rows in one transaction); stored and reduced
    /// (read back from the stored release and statistics alone).
    /// </summary>
    private async Task<Result<(CampaignData Data, CampaignRelease First, CampaignRelease Current)>> ReleaseAsync(Campaign campaign, CampaignData data, CampaignRelease? previousFirst, CancellationToken ct)
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
                    var statistics = Summarise(data, withFigures);
                    await StoreAsync(campaign.Id, 1, withFigures, statistics, ct);
                }
            }
            finally
            {
                PublishGate.Release();
            }

            // Read back what was stored (by us or by another host), from the stored release and statistics only.
            return await ReleaseAsync(campaign, await ReadAsync(campaign, ct), previousFirst, ct);
        }

        if (data.AnswerSets.Count == 0)
        {
            return await RestoreReducedAsync(campaign, data, design, versions, previousFirst, ct);
        }

        if (await db.ReleasedCells.AnyAsync(c => c.CampaignId == campaign.Id, ct))
        {
            // The statistics are stored (in the transaction that deleted the answer sets), so these rows came back from
            // elsewhere (a backup restored over the table, say): delete them again, never serve from them.
            await db.ResponseSets.Where(r => r.CampaignId == campaign.Id).ExecuteDeleteAsync(ct);
            return await RestoreReducedAsync(campaign, data, design, versions, previousFirst, ct);
        }

        // Stored before the answer sets were reduced to statistics: read back from the rows as before, then reduce.
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

        await PublishGate.WaitAsync(ct);
        try
        {
            if (campaign.K != current.Policy.K || campaign.KComments != current.Policy.CommentK)
            {
                // A threshold raised after close while the rows were still kept: the stricter version is computed on them once, now.
                var stricter = CampaignRelease.Recompute(request, design.ToPolicy(campaign.K, campaign.KComments), current);
                if (!stricter.IsSuccess)
                {
                    return stricter.Error!;
                }

                var decided = stricter.Value.WithFigures(figures, current);
                await StoreAsync(campaign.Id, versions[^1].Version + 1, decided, null, ct);
            }

            // Statistics of everything the first version published (later versions only hide more, with the same counts).
            await ReduceAsync(campaign.Id, Summarise(data, restored[0]), ct);
        }
        finally
        {
            PublishGate.Release();
        }

        return await ReleaseAsync(campaign, await ReadAsync(campaign, ct), previousFirst, ct);
    }

    /// <summary>Reads a reduced campaign back: releases from the stored versions, figures from the stored statistics.</summary>
    private async Task<Result<(CampaignData Data, CampaignRelease First, CampaignRelease Current)>> RestoreReducedAsync(
        Campaign campaign, CampaignData data, ReleaseDesign design, List<PublishedRelease> versions, CampaignRelease? previousFirst, CancellationToken ct)
    {
        var rows = await db.ReleasedCells.AsNoTracking().Where(c => c.CampaignId == campaign.Id).ToListAsync(ct);
        var attributes = design.ToPolicy(campaign.K, campaign.KComments).Attributes.Select(a => a.Attribute).ToHashSet(StringComparer.Ordinal);
        var statistics = new Dictionary<CellKey, CellStatistics>();
        foreach (var row in rows)
        {
            var key = JsonSerializer.Deserialize<CellKey>(row.Cell, StoredJson);
            var cell = JsonSerializer.Deserialize<CellStatistics>(row.Statistics, StatisticsJson)!;
            if (cell.Scores.Respondents != row.Respondents)
            {
                return new StoredReleaseMismatchError($"The statistics of cell {key} cover {cell.Scores.Respondents} people, the cell {row.Respondents}.");
            }

            statistics[key] = cell;
        }

        // Each shown figure's n per cell, named as the release names figures (by item code), for later campaigns' checks.
        var figureCounts = new Dictionary<string, Dictionary<CellKey, int>>(StringComparer.Ordinal);
        foreach (var (cell, s) in statistics)
        {
            foreach (var (figure, n) in s.Scores.FigureCounts(data.ScoredItems))
            {
                var id = data.StableFigureId(figure);
                (figureCounts.TryGetValue(id, out var byCell) ? byCell : figureCounts[id] = [])[cell] = n;
            }
        }

        var counts = figureCounts.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<CellKey, int>)f.Value, StringComparer.Ordinal);
        var units = data.Snapshot(new HashSet<string>(StringComparer.Ordinal)).Units;
        var roster = data.Roster(attributes);
        var restored = new List<CampaignRelease>(2);
        foreach (var v in versions.Count == 1 ? [versions[0]] : new[] { versions[0], versions[^1] })
        {
            var stored = JsonSerializer.Deserialize<StoredRelease>(v.Release, StoredJson)!;
            var one = CampaignRelease.RestoreReduced(units, design.ToPolicy(v.K, v.KComments), stored, counts, previousFirst);
            if (!one.IsSuccess)
            {
                return one.Error!;
            }

            one = one.Value.WithRoster(roster);

            // Every cell a version reports must have its statistics, with the count people read.
            foreach (var cell in one.Value.Cells.Where(one.Value.IsReported))
            {
                var n = one.Value.Disclose(cell, () => 0) is Reported<int> r ? r.N : -1;
                if (!statistics.TryGetValue(cell, out var s) || s.Scores.Respondents != n)
                {
                    return new StoredReleaseMismatchError($"Cell {cell} was published with n = {n.ToString(System.Globalization.CultureInfo.InvariantCulture)}; its stored statistics are {(s is null ? "missing" : "of another count")}.");
                }
            }

            restored.Add(one.Value);
        }

        var current = restored[^1];
        if (!current.FiguresDecided)
        {
            return new StoredReleaseMismatchError("The stored release has no figure decisions, and its answer sets are gone.");
        }

        if (campaign.K != current.Policy.K || campaign.KComments != current.Policy.CommentK)
        {
            return new ThresholdsLockedAfterReleaseError(current.Policy.K, current.Policy.CommentK);
        }

        data.UseStatistics(statistics);
        return (data, restored[0], current);
    }

    /// <summary>
    /// The statistics of every cell <paramref name="release"/> reports, each reduced to the figures it shows there
    /// (<see cref="GroupStatistics.Published(IReadOnlyList{ScoredItem}, Func{string, bool}, int, double)"/>, at the cell's published precision); for unit totals also the driver and reliability statistics. Computed
    /// from the answer sets by the same Core code the reports used before; mean figures are stored as published (rounded), so every derived figure comes from published ones.
    /// </summary>
    private static Dictionary<CellKey, CellStatistics> Summarise(CampaignData data, CampaignRelease release)
    {
        // Breakdown groups are formed from the attributes exactly as the release counted them (designated, recoded).
        data.UseReleasedAttributes(release);
        var statistics = new Dictionary<CellKey, CellStatistics>();
        var codes = data.Items.ToDictionary(i => i.Position, i => i.Code);
        foreach (var cell in release.Cells.Where(release.IsReported))
        {
            var members = data.Members(cell);
            var n = release.Disclose(cell, () => 0) is Reported<int> r ? r.N : -1;
            if (members.Count != n)
            {
                throw new InvalidOperationException($"Cell {cell} counts {n.ToString(System.Globalization.CultureInfo.InvariantCulture)} people in the release but {members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} answer sets.");
            }

            var scores = GroupScoring.Summarise(data.ScoredItems, data.AnswerSets, members)
                .Published(data.ScoredItems, figure => release.FigureReleased(cell, data.StableFigureId(figure)), release.Policy.K, release.PrecisionOf(cell));
            StoredDriverStatistics? drivers = null;
            IReadOnlyList<StoredReliabilityStatistics?>? reliability = null;
            // Drivers and reliability only where the pages may show them (DiscloseAnalysis): their covariances are exact,
            // so a unit whose people changed by a few since an earlier survey keeps none in the database either.
            if (cell.Depth == 0 && release.DiscloseAnalysis(cell, AnalysisFigures(data), () => true) is Reported<bool>)
            {
                var driverStatistics = Belonging.Core.Statistics.Drivers.Summarise(DriverRows.ComponentsOnBelonging(data.ScoredItems, data.AnswerSets, members), Enum.GetValues<BlueprintComponent>().Length + 1);
                drivers = driverStatistics.N >= Belonging.Core.Statistics.Drivers.MinimumN ? StoredDriverStatistics.From(driverStatistics) : null;
            }

            if (cell.Depth == 0 && release.DiscloseAnalysis(cell, ComponentFigures(data), () => true) is Reported<bool>)
            {
                reliability = [.. ComponentReliability.Summarise(data.ScoredItems, data.AnswerSets, members, i => codes[i.Position])
                    .Select(x => x is null ? null : StoredReliabilityStatistics.From(x, release.PrecisionOf(cell)))];
            }

            statistics[cell] = new CellStatistics(scores, drivers, reliability);
        }

        return statistics;
    }

    /// <summary>Stores a version and, with the first one, its statistics and the deletion of the answer sets, in one transaction.</summary>
    private async Task StoreAsync(Guid campaignId, int version, CampaignRelease release, Dictionary<CellKey, CellStatistics>? statistics, CancellationToken ct)
    {
        if (await db.PublishedReleases.AnyAsync(r => r.CampaignId == campaignId && r.Version == version, ct))
        {
            return;
        }

        try
        {
            await WriteAsync(campaignId, statistics, db =>
                db.PublishedReleases.Add(new PublishedRelease(Ids.New(), campaignId, version, release.Policy.K, release.Policy.CommentK,
                    JsonSerializer.Serialize(release.ToStored(), StoredJson))), ct);
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

    /// <summary>Stores the statistics of a campaign stored before ADR 9 and deletes its answer sets, in one transaction.</summary>
    private async Task ReduceAsync(Guid campaignId, Dictionary<CellKey, CellStatistics> statistics, CancellationToken ct)
    {
        try
        {
            await WriteAsync(campaignId, statistics, _ => { }, ct);
        }
        catch (DbUpdateException)
        {
            // Reduced by another process first (the unique cell index refused our copy); our transaction was rolled back.
            db.ChangeTracker.Clear();
            if (!await db.ReleasedCells.AnyAsync(c => c.CampaignId == campaignId, ct) && await db.ResponseSets.AnyAsync(r => r.CampaignId == campaignId, ct))
            {
                throw;
            }
        }
    }

    private async Task WriteAsync(Guid campaignId, Dictionary<CellKey, CellStatistics>? statistics, Action<AppDbContext> add, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            add(db);
            if (statistics is not null)
            {
                foreach (var (cell, s) in statistics.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
                {
                    db.ReleasedCells.Add(new ReleasedCell(Ids.New(), campaignId, JsonSerializer.Serialize(cell, StoredJson), s.Scores.Respondents,
                        JsonSerializer.Serialize(s, StatisticsJson)));
                }
            }

            await db.SaveChangesAsync(ct);
            if (statistics is not null)
            {
                // The per-respondent rows go in the same transaction: after it, nothing in the database describes one person's answers.
                await db.ResponseSets.Where(r => r.CampaignId == campaignId).ExecuteDeleteAsync(ct);
            }

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

    /// <summary>Scores one cell of the campaign's release from its stored statistics: released only if the release reports the cell.</summary>
    public static Disclosure<GroupScores> Score(CampaignData data, CellKey cell)
    {
        ArgumentNullException.ThrowIfNull(data);
        var release = data.Release ?? throw new InvalidOperationException("Results are served only from a computed release.");
        return release.Disclose(cell, () => 0) is Reported<int>
            ? GroupScoring.Score(data.ScoredItems, Statistics(data, cell).Scores, new MinimumGroupRule(data.K), f => release.Disclose(cell, f), figure => release.FigureReleased(cell, data.StableFigureId(figure)), release.PrecisionOf(cell))
            : release.Disclose<GroupScores>(cell, () => throw new InvalidOperationException("unreachable"));
    }

    /// <summary>
    /// The driver analysis of the blueprint components on the sense-of-belonging outcome in a unit (relative weights and
    /// dominance, listwise), from the unit's stored statistics; only for a reported unit.
    /// </summary>
    public static Disclosure<Result<DriverAnalysis>> Drivers(CampaignData data, Guid unitId, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(data);
        var cell = UnitCell(unitId);
        // Drivers and reliability are shown with several decimals, so only where every figure they use is shown and the
        // unit's count did not move by a few people since an earlier survey (they never rely on rounding). A unit too
        // small for the analysis says so as before: that tells only that fewer than 30 answered, which its n shows.
        var release = data.Release!;
        if (!release.IsReported(cell))
        {
            return release.DiscloseAnalysis<Result<DriverAnalysis>>(cell, [], () => throw new InvalidOperationException("unreachable"));
        }

        var stored = Statistics(data, cell).Drivers;
        if (stored is null && release.Disclose(cell, () => 0) is Reported<int> { N: >= Belonging.Core.Statistics.Drivers.MinimumN }
            && release.DiscloseAnalysis(cell, AnalysisFigures(data), () => 0) is Suppressed<int>)
        {
            // Large enough, but withheld (so nothing was stored for it): the gate gives the reason without calling the function.
            return release.DiscloseAnalysis<Result<DriverAnalysis>>(cell, AnalysisFigures(data), () => throw new InvalidOperationException("unreachable"));
        }

        // Computed once (dominance analysis is the heaviest figure on the page), then disclosed through the gate.
        var analysis = Belonging.Core.Statistics.Drivers.Analyse(stored?.ToCore() ?? new DriverStatistics(0, null), names);
        return analysis.IsSuccess ? release.DiscloseAnalysis(cell, AnalysisFigures(data), () => analysis) : release.Disclose(cell, () => analysis);
    }

    /// <summary>The figures the drivers analysis uses (every component and the belonging outcome), as the release names them.</summary>
    public static IReadOnlyList<string> AnalysisFigures(CampaignData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return [.. ComponentFigures(data), data.StableFigureId(GroupScoring.BelongingFigure)];
    }

    /// <summary>Reliability of each component's questions in a unit, from the unit's stored statistics; only for a reported unit.</summary>
    public static Disclosure<IReadOnlyList<ComponentReliabilityRow>> Reliability(CampaignData data, Guid unitId)
    {
        ArgumentNullException.ThrowIfNull(data);
        var cell = UnitCell(unitId);
        var codes = data.Items.ToDictionary(i => i.Position, i => i.Code);
        return data.Release!.DiscloseAnalysis(cell, ComponentFigures(data), () => ComponentReliability.FromStatistics(
            data.ScoredItems, [.. (Statistics(data, cell).Reliability ?? []).Select(r => r?.ToCore())], i => codes[i.Position]));
    }

    /// <summary>The component figures, as the release names them (reliability uses these).</summary>
    public static List<string> ComponentFigures(CampaignData data) =>
        [.. Enum.GetValues<BlueprintComponent>().Select(c => data.StableFigureId(GroupScoring.ComponentFigure(c)))];

    private static CellStatistics Statistics(CampaignData data, CellKey cell) =>
        data.Statistics.TryGetValue(cell, out var s) ? s : throw new InvalidOperationException($"Cell {cell} is reported but has no stored statistics.");

    /// <summary>The release cell of an org unit (everyone in its subtree).</summary>
    public static CellKey UnitCell(Guid unitId) => new(unitId.ToString());

    /// <summary>Every unit in the scope's subtree down to <paramref name="maxDepth"/> levels below it, each scored on its own.</summary>
    public static Table Heatmap(CampaignData data, UnitNode scope, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scope);
        var rows = data.Subtree(scope.Id)
            .Where(u => u.Depth - scope.Depth <= maxDepth)
            .Select(u => new GroupRow(u.Id, u.Name, u.Depth - scope.Depth, Score(data, UnitCell(u.Id))))
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

        static string Label(string v) => v == AttributeDesignation.NotDisclosed ? "Not stated" : v;
        var firstValues = designation.Values.Append(AttributeDesignation.NotDisclosed).ToArray();
        if (second is null)
        {
            var groups = firstValues
                .Select(v => new GroupRow(null, Label(v), 0, Score(data, new CellKey(scope.Id.ToString(), new AttributeCondition(attribute, v)))))
                .ToList();
            return new Table(data, scope, attribute, groups);
        }

        var pairs = firstValues
            .SelectMany(v1 => second.Values.Append(AttributeDesignation.NotDisclosed).Select(v2 => (v1, v2)))
            .Select(p => new GroupRow(null, $"{Label(p.v1)} × {Label(p.v2)}", 0,
                Score(data, new CellKey(scope.Id.ToString(), new AttributeCondition(attribute, p.v1), new AttributeCondition(second.Attribute, p.v2)))))
            .ToList();
        return new Table(data, scope, $"{attribute} × {second.Attribute}", pairs);
    }
}
