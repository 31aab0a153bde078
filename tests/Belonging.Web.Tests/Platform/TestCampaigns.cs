using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Web.Tests.Features;

namespace Belonging.Web.Tests.Platform;

/// <summary>Creates, opens, answers and closes a campaign over HTTP, as an admin and anonymous respondents would.</summary>
internal static class TestCampaigns
{
    /// <summary>Returns the id of a closed campaign of the small test instrument.</summary>
    /// <param name="app">The app.</param>
    /// <param name="admin">An admin's client.</param>
    /// <param name="key">Unique instrument key.</param>
    /// <param name="reporting">The release design (attributes and pairs).</param>
    /// <param name="answers">Answers for the i-th invitation link (its JSON carries employeeId), or null to skip it.</param>
    public static async Task<Guid> ClosedAsync(TestApp app, HttpClient admin, string key, object reporting, Func<JsonElement, int, Dictionary<string, string>?> answers)
    {
        var instrument = await admin.PostAsJsonAsync("/api/instruments", CampaignJourneyTests.SmallInstrument(key));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Campaign " + key,
            instrumentVersionId = versionId,
            opensOn = "2026-01-01",
            closesOn = "2099-12-31",
            k = 5,
            kComments = 5,
            reporting,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var anonymous = app.CreateClient();
        var i = 0;
        foreach (var link in (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray())
        {
            if (answers(link, i++) is not { } given)
            {
                continue;
            }

            var token = link.GetProperty("url").GetString()!.Split("/s/")[1];
            var post = await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = given });
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{campaignId}/close", null)).StatusCode);
        return campaignId;
    }
}
