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
/// recomputed, so no change of algorithm or data can change a figure people have read); a threshold raised after close
/// adds a stricter version that hides more with the same counts; and a later campaign's cross-release rule compares with
/// what was first published, not with the stricter version.
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

            // The stored rows say no more than the release: the undesignated attribute (location) is gone.
            var rows = await db.ResponseSets.Where(r => r.CampaignId == campaignId).Select(r => r.Demographics).ToListAsync();
            Assert.Equal(17, rows.Count);
            Assert.All(rows, r => Assert.DoesNotContain("location", r, StringComparison.Ordinal));
            Assert.All(rows, r => Assert.Contains("gender", r, StringComparison.Ordinal));

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
    public async Task Release_RowsChangedAfterStoring_IsRefusedNotSilentlyChanged(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "rows-changed", UnitsOnly, (_, _) => Answers);
        await using (var db = app.NewDb())
        {
            Assert.True((await new CampaignResults(db).LoadAsync(campaignId, default)).IsSuccess);
            var one = await db.ResponseSets.Where(r => r.CampaignId == campaignId).Select(r => r.Id).FirstAsync();
            await db.ResponseSets.Where(r => r.Id == one).ExecuteDeleteAsync();
        }

        await using (var db = app.NewDb())
        {
            var loaded = await new CampaignResults(db).LoadAsync(campaignId, default);
            Assert.False(loaded.IsSuccess);
            Assert.IsType<StoredReleaseMismatchError>(loaded.Error);
        }
    }

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task RaisingKAfterClose_StricterVersionAndLaterCampaignComparesWithWhatWasPublished(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);

        // Campaign 1: everyone in Division A, six of Team B1's eight. At k = 5 Team B1 (6) is reported.
        var first = await TestCampaigns.ClosedAsync(app, admin, "raise-1", UnitsOnly, (link, _) => Number(link) <= 15 ? Answers : null);
        var v1 = await LoadAsync(app, first);
        var teamB1 = CampaignResults.UnitCell(app.Org.B1);
        Assert.Equal(6, ReportedN(v1.Release!, teamB1));

        // People have read it. k is raised to 8 after close: a second version, stricter, with the same counts.
        var raised = await admin.PutAsJsonAsync($"/api/campaigns/{first}/thresholds", new { k = 8, kComments = 8 });
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        var v2 = await LoadAsync(app, first);
        Assert.Equal(8, v2.Release!.Policy.K);
        Assert.False(v2.Release.IsReported(teamB1));
        foreach (var cell in v2.Release.Cells.Where(v2.Release.IsReported))
        {
            Assert.Equal(ReportedN(v1.Release!, cell), ReportedN(v2.Release, cell));
        }

        await using (var db = app.NewDb())
        {
            Assert.Equal([1, 2], await db.PublishedReleases.Where(r => r.CampaignId == first).OrderBy(r => r.Version).Select(r => r.Version).ToListAsync());
        }

        // Campaign 2 at k = 5: one more person in Team B1 answers. Compared with the stricter version, Team B1 was
        // never reported, so 7 would be shown — and 7 − 6 is one person's answers. Compared with what was published first,
        // it must not be.
        var second = await TestCampaigns.ClosedAsync(app, admin, "raise-2", UnitsOnly, (link, _) => Number(link) <= 16 ? Answers : null);
        var later = (await LoadAsync(app, second)).Release!;
        foreach (var cell in later.Cells.Where(c => later.IsReported(c) && v1.Release!.IsReported(c)))
        {
            var change = Math.Abs(ReportedN(later, cell) - ReportedN(v1.Release!, cell));
            Assert.False(change is > 0 and < 5, $"{cell} changed by {change} people between campaign 1 (as first published) and campaign 2");
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
