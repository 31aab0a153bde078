using System.Globalization;
using System.Text.Json;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Campaigns;
using Belonging.Data.Demo;
using Belonging.Data.Results;
using Belonging.Data.Surveys;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Leak 6 (answer sets), ADR 9: at the first store the release's published groups are reduced to statistics and the
/// answer sets are deleted. Every published number must be what scoring the answer sets gave before (the old code path,
/// run here on a copy of the rows), and a database stored before the change must migrate on its next load to the same
/// numbers, with its rows gone.
/// </summary>
public sealed class ReleasedStatisticsTests
{
    private static readonly string[] DriverNames = [.. Enum.GetValues<BlueprintComponent>().Select(c => c.ToString())];

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task Results_BeforeAndAfterReduction_EveryPublishedNumberIsTheSame(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        var (campaign, rows) = await SeedDemoAsync(app);

        var after = await LoadAsync(app, campaign.Id);
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.ResponseSets.CountAsync(r => r.CampaignId == campaign.Id));
            Assert.Equal(after.Release!.Cells.Count(after.Release.IsReported), await db.ReleasedCells.CountAsync(c => c.CampaignId == campaign.Id));
        }

        // The database holds no finer mean than people read: every stored mean figure's mean and SD sit on the cell's
        // published precision, so two stored releases subtracted say no more about a changed person than two pages.
        await using (var db = app.NewDb())
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.General) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
            var coarse = 0;
            foreach (var row in await db.ReleasedCells.Where(c => c.CampaignId == campaign.Id).ToListAsync())
            {
                var key = JsonSerializer.Deserialize<CellKey>(row.Cell, options)!;
                var scores = JsonSerializer.Deserialize<CellStatistics>(row.Statistics, options)!.Scores;
                var q = after.Release!.PrecisionOf(key);
                coarse += q > 1 ? 1 : 0;
                foreach (var sample in new[] { scores.Index, scores.Favourable, scores.Belonging }.Concat(scores.Components.Values).OfType<SampleSummary>())
                {
                    Assert.Equal(0, Math.Abs(Math.IEEERemainder(sample.Mean, q)), 9);
                    if (double.IsFinite(sample.Variance))
                    {
                        Assert.Equal(0, Math.Abs(Math.IEEERemainder(Math.Sqrt(sample.Variance), q)), 9);
                    }
                }
            }

            Assert.True(coarse > 0, "no small cell stored at a coarser precision: the check above tested only whole points");
        }

        var (before, released) = FromRows(after, campaign, rows);
        var compared = AssertSameNumbers(before, Published(after));
        Assert.True(compared > 1_000, $"only {compared} numbers compared");
        Assert.Contains(before, kv => kv.Key.StartsWith("drivers|", StringComparison.Ordinal) && kv.Value.Count > 10);
        Assert.Contains(before, kv => kv.Key.StartsWith("reliability|", StringComparison.Ordinal) && kv.Value.Count > 10);

        // A database stored before ADR 9: the release as stored, the rows with the attributes as released, no statistics.
        await using (var db = app.NewDb())
        {
            await db.ReleasedCells.Where(c => c.CampaignId == campaign.Id).ExecuteDeleteAsync();
            for (var i = 0; i < rows.Count; i++)
            {
                var attributes = JsonSerializer.Serialize(new SortedDictionary<string, string>(released[i].Attributes.ToDictionary(), StringComparer.Ordinal));
                db.ResponseSets.Add(new ResponseSet(rows[i].Id, campaign.Id, rows[i].LeafUnitId, attributes, rows[i].Values));
            }

            await db.SaveChangesAsync();
        }

        var migrated = await LoadAsync(app, campaign.Id);
        AssertSameNumbers(before, Published(migrated));
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.ResponseSets.CountAsync(r => r.CampaignId == campaign.Id));
            Assert.Equal(after.Release!.Cells.Count(after.Release.IsReported), await db.ReleasedCells.CountAsync(c => c.CampaignId == campaign.Id));
            Assert.Equal(1, await db.PublishedReleases.CountAsync(r => r.CampaignId == campaign.Id));
        }
    }

    /// <summary>Seeds a small demo (full instrument, nine designated attributes) and returns its first closed campaign with a copy of its answer sets.</summary>
    internal static async Task<(Campaign Campaign, List<ResponseSet> Rows)> SeedDemoAsync(TestApp app)
    {
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await InstrumentSeeding.EnsureAsync(db, BlueprintCore.Instrument, default);
        Assert.True(await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(new DemoOptions { People = 400, Seed = 20261201 }, default));
        var closed = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Closed).ToListAsync();
        var campaign = closed.OrderBy(c => c.ClosedAt).First();
        var rows = (await db.ResponseSets.AsNoTracking().Where(r => r.CampaignId == campaign.Id).ToListAsync()).OrderBy(r => r.Id).ToList();
        Assert.True(rows.Count > 200);
        return (campaign, rows);
    }

    private static async Task<CampaignData> LoadAsync(TestApp app, Guid campaignId)
    {
        await using var db = app.NewDb();
        var loaded = await new CampaignResults(db).LoadAsync(campaignId, default);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return loaded.Value;
    }

    /// <summary>Every number the reports publish, read through the loader (stored statistics).</summary>
    private static Dictionary<string, List<double>> Published(CampaignData data)
    {
        var numbers = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var cell in data.Release!.Cells)
        {
            numbers["scores|" + cell] = Flat(CampaignResults.Score(data, cell));
        }

        foreach (var unit in data.Units)
        {
            numbers["drivers|" + unit.Id] = Flat(CampaignResults.Drivers(data, unit.Id, DriverNames));
            numbers["reliability|" + unit.Id] = Flat(CampaignResults.Reliability(data, unit.Id));
        }

        return numbers;
    }

    /// <summary>
    /// The same numbers as the loader computed them before ADR 9: the answer sets scored per cell with the Core functions
    /// (<see cref="GroupScoring"/>, <see cref="Drivers"/>, <see cref="ComponentReliability"/>), breakdown groups formed
    /// from the attributes as the release recodes them, each gated by the stored release.
    /// </summary>
    private static (Dictionary<string, List<double>> Numbers, IReadOnlyList<RespondentRow> Released) FromRows(CampaignData data, Campaign campaign, List<ResponseSet> rows)
    {
        var release = data.Release!;
        var policy = ReleaseDesign.Parse(campaign.ReportingDesign).ToPolicy(campaign.K, campaign.KComments);
        var designated = policy.Attributes.Select(a => a.Attribute).ToHashSet(StringComparer.Ordinal);
        var request = new CampaignReleaseRequest(
            [.. data.Units.Select(u => new OrgUnitNode(u.Id.ToString(), u.ParentId?.ToString()))],
            [.. rows.Select(r => new RespondentRow(r.LeafUnitId.ToString(),
                JsonSerializer.Deserialize<Dictionary<string, string>>(r.Demographics)!.Where(kv => designated.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)))]);
        var computed = CampaignRelease.Compute(request, policy).Value;
        Assert.All(release.Cells, c => Assert.Equal(release.IsReported(c), computed.IsReported(c)));
        var released = computed.Respondents;
        var sets = rows.Select(r => r.Values).ToArray();
        var codes = data.Items.ToDictionary(i => i.Position, i => i.Code);
        string Value(int i, AttributeCondition c) => released[i].Attributes.TryGetValue(c.Attribute, out var v) ? v : AttributeDesignation.NotDisclosed;
        List<int> Members(CellKey cell) =>
            [.. Enumerable.Range(0, rows.Count).Where(i =>
                data.IsWithin(Guid.Parse(released[i].UnitId, CultureInfo.InvariantCulture), Guid.Parse(cell.Unit, CultureInfo.InvariantCulture))
                && (cell.First is not { } f || Value(i, f) == f.Value)
                && (cell.Second is not { } s || Value(i, s) == s.Value))];

        var numbers = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var cell in release.Cells)
        {
            var members = Members(cell);
            numbers["scores|" + cell] = Flat(GroupScoring.Score(data.ScoredItems, sets, members, new MinimumGroupRule(data.K), f => release.Disclose(cell, f), figure => release.FigureReleased(cell, data.StableFigureId(figure)), release.PrecisionOf(cell)));
        }

        foreach (var unit in data.Units)
        {
            var cell = CampaignResults.UnitCell(unit.Id);
            var members = Members(cell);
            // The same gates as the pages: an analysis with numbers only where nothing relied on the value window's rounding.
            var drivers = Drivers.Analyse(DriverRows.ComponentsOnBelonging(data.ScoredItems, sets, members), DriverNames);
            // A unit too small for the analysis says so; a large one whose analysis is withheld says only that.
            var withheldLarge = members.Count >= Drivers.MinimumN && release.DiscloseAnalysis(cell, CampaignResults.AnalysisFigures(data), () => 0) is Suppressed<int>;
            numbers["drivers|" + unit.Id] = Flat(release.IsReported(cell) && !drivers.IsSuccess && !withheldLarge
                ? release.Disclose(cell, () => drivers)
                : release.DiscloseAnalysis(cell, CampaignResults.AnalysisFigures(data), () => drivers));
            // Reliability as stored: the covariances exact, the means (never shown) at the cell's precision.
            numbers["reliability|" + unit.Id] = Flat(release.DiscloseAnalysis(cell, CampaignResults.ComponentFigures(data), () => ComponentReliability.FromStatistics(
                data.ScoredItems,
                [.. ComponentReliability.Summarise(data.ScoredItems, sets, members, i => codes[i.Position]).Select(x => x is null ? null : StoredReliabilityStatistics.From(x, release.PrecisionOf(cell)).ToCore())],
                i => codes[i.Position])));
        }

        return (numbers, released);
    }

    private static int AssertSameNumbers(Dictionary<string, List<double>> expected, Dictionary<string, List<double>> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var compared = 0;
        foreach (var (key, values) in expected)
        {
            var got = actual[key];
            Assert.True(values.Count == got.Count, $"{key}: {values.Count} numbers before, {got.Count} after");
            for (var i = 0; i < values.Count; i++)
            {
                // Equal covers NaN and the infinities (a reliability with no spread in a small unit is −∞ on both paths).
                var same = values[i].Equals(got[i]) || Math.Abs(values[i] - got[i]) <= 1e-9 * Math.Max(1, Math.Abs(values[i]));
                Assert.True(same, $"{key} number {i}: {values[i].ToString("R", CultureInfo.InvariantCulture)} before, {got[i].ToString("R", CultureInfo.InvariantCulture)} after");
                compared++;
            }
        }

        return compared;
    }

    private static List<double> Flat<T>(Disclosure<T> d) =>
        d.Match<List<double>>(r => [1, r.N, .. Numbers(r.Value)], s => [-1, (int)s.Reason]);

    private static List<double> Flat(Disclosure<Estimate> d) => d.Match<List<double>>(
        r => [1, r.N, r.Value.Value, r.Value.Interval.Lower, r.Value.Interval.Upper, r.Value.Sample.N, r.Value.Sample.Mean, r.Value.Sample.Variance],
        s => [-1, (int)s.Reason]);

    private static List<double> Numbers(object? value) => value switch
    {
        GroupScores g =>
        [
            g.Respondents, .. Flat(g.Index), .. Flat(g.Favourable), .. Flat(g.BelongingOutcome), .. Flat(g.IntentToStay),
            .. g.Components.SelectMany(c => Flat(c.Index)),
            .. g.Items.SelectMany(i => Flat(i.Distribution.Map(x => x.Counts.Select(n => (double)n).ToList()))),
            .. Flat(g.Recommend.Map(x => new List<double> { x.PercentPromoters, x.PercentPassives, x.PercentDetractors, x.Score })),
        ],
        List<double> list => list,
        Belonging.Core.Result<DriverAnalysis> result => result.Match<List<double>>(
            a => [a.N, a.RSquared, .. a.Drivers.SelectMany(w => new[] { w.RawWeight, w.RescaledPercent, w.GeneralDominance, w.SingleR2 })],
            e => [-2, e.Code.Length]),
        IReadOnlyList<ComponentReliabilityRow> rows => [.. rows.SelectMany(r => r.Result is not { } x ? [-3.0] :
            new[] { x.Respondents, x.RawAlpha, x.StandardisedAlpha, x.AverageInterItemCorrelation, x.ScaleMean, x.ScaleStandardDeviation, x.OmegaTotal ?? -4 }
                .Concat(x.Items.SelectMany(i => new[] { i.N, i.Mean, i.StandardDeviation, i.AlphaIfDeletedRaw, i.AlphaIfDeletedStandardised, i.CorrectedItemTotal }))
                .Concat(x.Loadings))],
        _ => throw new InvalidOperationException($"No flattening for {value?.GetType().Name}"),
    };
}
