using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;

namespace Belonging.Web.Tests.Features;

/// <summary>Every entry point that sets thresholds validates through the release's own policy (k_c ≥ k), so no campaign is created or changed into one whose results fail after close.</summary>
public sealed class ReleasePolicyEntryTests
{
    [Fact]
    public async Task CommentThresholdBelowK_RefusedAtCreationAndOnChange()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var instrument = await admin.PostAsJsonAsync("/api/instruments", CampaignJourneyTests.SmallInstrument("policy-entry"));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var refused = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Low k_c", instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k = 6, kComments = 4 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("k_c must be at least k", problem.GetProperty("errors").GetProperty("kComments")[0].GetString(), StringComparison.Ordinal);

        var created = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Fine", instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k = 5, kComments = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var changed = await admin.PutAsJsonAsync($"/api/campaigns/{id}/thresholds", new { k = 8, kComments = 5 });
        Assert.False(changed.IsSuccessStatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/campaigns/{id}/thresholds", new { k = 8, kComments = 8 })).StatusCode);
    }
}
