using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Data.Results;
using Belonging.Web.Tests.Platform;

namespace Belonging.Web.Tests.Features;

/// <summary>The release preview before launch shows what the release will show when everyone answers.</summary>
public sealed class ReleasePreviewTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Preview_BeforeLaunch_MatchesTheReleaseWhenEveryoneAnswers()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var instrument = await admin.PostAsJsonAsync("/api/instruments", CampaignJourneyTests.SmallInstrument("preview"));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Previewed", instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k = 5, kComments = 5,
            reporting = new { attributes = new[] { new { name = "gender", maxDepth = 2 }, new { name = "location", maxDepth = 0 } }, pairs = Array.Empty<object>() },
        });
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var preview = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/release-preview", Json);
        var page = await admin.GetStringAsync($"/admin/campaigns/{campaignId}/preview");
        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);
        var forbidden = await leader.GetAsync($"/api/campaigns/{campaignId}/release-preview");

        Assert.Equal(17, preview.GetProperty("invited").GetInt32());
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("level").GetInt32() == 0 && r.GetProperty("breakdown").GetString() == "Gender");
        Assert.Contains(rows, r => r.GetProperty("level").GetInt32() == 0 && r.GetProperty("breakdown").GetString() == "Location");
        Assert.DoesNotContain(rows, r => r.GetProperty("level").GetInt32() > 0 && r.GetProperty("breakdown").GetString() == "Location");
        Assert.Equal(preview.GetProperty("groups").GetInt32(), rows.Sum(r => r.GetProperty("groups").GetInt32()));
        Assert.Contains("Groups shown per level of the organisation and breakdown", page, StringComparison.Ordinal);
        Assert.Contains("Level 1: 2 units, such as Division A, Division B", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // Open, everyone answers, close: the release shows exactly what the preview said.
        var opened = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        using var anonymous = app.CreateClient();
        foreach (var link in (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray())
        {
            var token = link.GetProperty("url").GetString()!.Split("/s/")[1];
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = new Dictionary<string, string> { ["Q1"] = "4", ["Q2"] = "4", ["Q3"] = "3" } })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{campaignId}/close", null)).StatusCode);
        await using var db = app.NewDb();
        var release = (await new CampaignResults(db).LoadAsync(campaignId, default)).Value.Release!;
        Assert.Equal(preview.GetProperty("groups").GetInt32(), release.Audit.Cells);
        Assert.Equal(preview.GetProperty("visible").GetInt32(), release.Audit.Reported);
        Assert.Equal(preview.GetProperty("hiddenToProtectOthers").GetInt32(), release.Audit.ComplementarySuppressed + release.Audit.CrossReleaseSuppressed);
        Assert.Equal(release.Audit.PrimarySuppressed, rows.Sum(r => r.GetProperty("tooFew").GetInt32()));
        Assert.Equal(release.Audit.ComplementarySuppressed + release.Audit.CrossReleaseSuppressed, rows.Sum(r => r.GetProperty("hiddenToProtectOthers").GetInt32()));
        Assert.Equal(release.Audit.Reported, rows.Sum(r => r.GetProperty("visible").GetInt32()));
        Assert.True(release.Audit.PrimarySuppressed > 0);
    }
}
