using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belonging.Core.Privacy;
using Belonging.Data;
using Belonging.Data.Results;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Red team, leaks 4 and 10: a published release is stored when first computed and read back ever after (never
/// recomputed, so no change of algorithm or data can change a figure people have read); once it is stored (and the
/// answer sets reduced to statistics, ADR 9) thresholds can no longer be raised; and a later campaign's cross-release
/// rule compares with what was first published.
/// </summary>
public sealed class StoredReleaseTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly object UnitsOnly = new { attributes = Array.Empty<object>(), pairs = Array.Empty<object>() };

    private static readonly Dictionary<string, string> Answers = new() { ["Q1"] = "4", ["Q2"] = "4", ["Q3"] = "3" };

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task Release_AfterFirstLoad_IsReadBackFromStorageNotRecomputed(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "stored", new { attributes = new[] { new { name = "gender", maxDepth = 1 } }, pairs = Array.Empty<object>() }, (_, _) => Answers);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/results/{campaignId}")).StatusCode);

        var rootCell = CampaignResults.UnitCell(app.Org.Root).ToString();
        await using (var db = app.NewDb())
        {
            var stored = await db.PublishedReleases.SingleAsync(r => r.CampaignId == campaignId);
            Assert.Equal((1, 5, 5), (stored.Version, stored.K, stored.KComments));

            // No answer set is left (ADR 9): only the statistics of the reported cells, the organisation total among them.
            Assert.Equal(0, await db.ResponseSets.CountAsync(r => r.CampaignId == campaignId));
            var cells = await db.ReleasedCells.Where(c => c.CampaignId == campaignId).Select(c => c.Cell).ToListAsync();
            Assert.Contains(cells, c => JsonSerializer.Deserialize<CellKey>(c) == CampaignResults.UnitCell(app.Org.Root));

            // Tamper with the stored copy: the organisation total, reported today, is marked withheld. A loader that
            // recomputes would still report it; one that reads back must withhold it.
            var json = JsonNode.Parse(stored.Release)!;
            var cell = json["Cells"]!.AsArray().Single(c => c!["Cell"]!["Unit"]!.GetValue<string>() == app.Org.Root.ToString() && c["Cell"]!["First"] is null)!;
            Assert.Equal("Reported", cell["Status"]!.GetValue<string>());
            cell["Status"] = "Complementary";
            cell["N"] = null;
            await db.PublishedReleases.Where(r => r.Id == stored.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Release, json.ToJsonString()));
        }

        await using (var db = app.NewDb())
        {
            var data = (await new CampaignResults(db).LoadAsync(campaignId, default)).Value;
            Assert.False(data.Release!.IsReported(CampaignResults.UnitCell(app.Org.Root)), $"{rootCell} must be read back as stored");
            Assert.Equal(1, await db.PublishedReleases.CountAsync(r => r.CampaignId == campaignId));
        }
    }

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task Release_StatisticsChangedAfterStoring_IsRefusedNotSilentlyChanged(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "stats-changed", UnitsOnly, (_, _) => Answers);
        var root = JsonSerializer.Serialize(CampaignResults.UnitCell(app.Org.Root));
        await using (var db = app.NewDb())
        {
            Assert.True((await new CampaignResults(db).LoadAsync(campaignId, default)).IsSuccess);
            // The organisation total's statistics now claim one person fewer than the release published.
            await db.ReleasedCells.Where(c => c.CampaignId == campaignId && c.Cell == root).ExecuteUpdateAsync(u => u.SetProperty(c => c.Respondents, c => c.Respondents - 1));
        }

        await using (var db = app.NewDb())
        {
            var loaded = await new CampaignResults(db).LoadAsync(campaignId, default);
            Assert.False(loaded.IsSuccess);
            Assert.IsType<StoredReleaseMismatchError>(loaded.Error);
            // Statistics of a reported cell deleted: refused too, never served as "no answers".
            await db.ReleasedCells.Where(c => c.CampaignId == campaignId && c.Cell == root).ExecuteDeleteAsync();
            loaded = await new CampaignResults(db).LoadAsync(campaignId, default);
            Assert.IsType<StoredReleaseMismatchError>(loaded.Error);
        }
    }

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task RaisingKAfterRelease_IsRefusedAndLaterCampaignComparesWithWhatWasPublished(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);

        // Campaign 1: everyone in Division A, five of Team B1's eight. At k = 5 Team B1 (5) is reported.
        var first = await TestCampaigns.ClosedAsync(app, admin, "raise-1", UnitsOnly, (link, _) => Number(link) <= 14 ? Answers : null);
        var v1 = await LoadAsync(app, first);
        var teamB1 = CampaignResults.UnitCell(app.Org.B1);
        Assert.Equal(5, ReportedN(v1.Release!, teamB1));

        // People have read it, and only the statistics of its published groups are left: a stricter version cannot be
        // proven safe without the hidden counts, so raising k is refused with a typed error and nothing changes.
        var raised = await admin.PutAsJsonAsync($"/api/campaigns/{first}/thresholds", new { k = 8, kComments = 8 });
        Assert.Equal(HttpStatusCode.Conflict, raised.StatusCode);
        var problem = await raised.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("thresholds can no longer change", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var same = await LoadAsync(app, first);
        Assert.Equal(5, same.Release!.Policy.K);
        Assert.Equal(5, ReportedN(same.Release, teamB1));

        // The same refusal from the loader if k changed behind the API's back (a direct database edit).
        await using (var db = app.NewDb())
        {
            Assert.Equal([1], await db.PublishedReleases.Where(r => r.CampaignId == first).Select(r => r.Version).ToListAsync());
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == first);
            Assert.True(campaign.SetThresholds(8, 8).IsSuccess);
            await db.SaveChangesAsync();
            var loaded = await new CampaignResults(db).LoadAsync(first, default);
            Assert.IsType<ThresholdsLockedAfterReleaseError>(loaded.Error);
            await db.Campaigns.Where(c => c.Id == first).ExecuteUpdateAsync(u => u.SetProperty(c => c.K, 5).SetProperty(c => c.KComments, 5));
        }

        // Campaign 2 at k = 5: two more people in Team B1 answer. Campaign 1 is read back without its answer sets; the
        // cross-release rule still compares with what it published: 7 − 5 would be two people's answers, and not even
        // 25-point steps hide two people in a team of 7 (7 × 25 < 200).
        var second = await TestCampaigns.ClosedAsync(app, admin, "raise-2", UnitsOnly, (link, _) => Number(link) <= 16 ? Answers : null);
        var later = (await LoadAsync(app, second)).Release!;
        Assert.False(later.IsReported(teamB1));
        foreach (var cell in later.Cells.Where(c => later.IsReported(c) && v1.Release!.IsReported(c)))
        {
            var n = ReportedN(later, cell);
            var change = Math.Abs(n - ReportedN(v1.Release!, cell));
            Assert.False(change is > 0 and < 5 && n * later.PrecisionOf(cell) < ValueWindow.Scale * change, $"{cell} changed by {change} people between campaign 1 (as first published) and campaign 2, and its rounding does not hide them");
        }
    }

    private static int Number(JsonElement link) => int.Parse(link.GetProperty("employeeId").GetString()!.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    private static int ReportedN(CampaignRelease release, CellKey cell) =>
        release.Disclose(cell, () => 0) switch
        {
            Reported<int> r => r.N,
            _ => throw new InvalidOperationException($"{cell} is not reported"),
        };

    private static async Task<CampaignData> LoadAsync(TestApp app, Guid campaignId)
    {
        await using var db = app.NewDb();
        var loaded = await new CampaignResults(db).LoadAsync(campaignId, default);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return loaded.Value;
    }
}
