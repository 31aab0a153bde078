using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;

namespace Belonging.Web.Tests.Features;

/// <summary>Intervals, gaps and drivers as the API and pages serve them, over a real closed campaign.</summary>
public sealed class AnalyticsHttpTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<Guid> ClosedCampaignByGenderAsync(TestApp app, HttpClient admin)
    {
        var instrument = await admin.PostAsJsonAsync("/api/instruments", CampaignJourneyTests.SmallInstrument("analytics"));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Analytics",
            instrumentVersionId = versionId,
            opensOn = "2026-01-01",
            closesOn = "2099-12-31",
            k = 5,
            kComments = 5,
            reporting = new { attributes = new[] { new { name = "gender", maxDepth = 0 } }, pairs = Array.Empty<object>() },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var anonymous = app.CreateClient();
        var i = 0;
        foreach (var link in (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray())
        {
            var token = link.GetProperty("url").GetString()!.Split("/s/")[1];
            var n = int.Parse(link.GetProperty("employeeId").GetString()![1..], CultureInfo.InvariantCulture);
            // Women (even ids) answer 4–5, men 2–3, with some spread so that the test has variance.
            var (q1, q2) = n % 2 == 0 ? (i % 2 == 0 ? "5" : "4", "5") : (i % 2 == 0 ? "2" : "3", "2");
            i++;
            var post = await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = new Dictionary<string, string> { ["Q1"] = q1, ["Q2"] = q2, ["Q3"] = q1, ["Q4"] = "8" } });
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{campaignId}/close", null)).StatusCode);
        return campaignId;
    }

    [Fact]
    public async Task ClosedCampaign_IntervalsGapsAndDrivers()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await ClosedCampaignByGenderAsync(app, admin);

        var overview = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}", Json);
        var index = overview.GetProperty("scores").GetProperty("index");
        var value = index.GetProperty("value").GetDouble();
        Assert.InRange(value, index.GetProperty("lower").GetDouble(), index.GetProperty("upper").GetDouble());
        Assert.True(index.GetProperty("upper").GetDouble() - index.GetProperty("lower").GetDouble() > 1);

        var breakdown = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/breakdown?attribute=gender", Json);
        var gaps = breakdown.GetProperty("gaps").EnumerateArray().ToDictionary(g => g.GetProperty("label").GetString()!);
        var women = gaps["Woman"];
        var men = gaps["Man"];
        var womenIndex = women.GetProperty("index").GetProperty("value").GetDouble();
        var menIndex = men.GetProperty("index").GetProperty("value").GetDouble();
        // Two complementary groups: each one's "rest" is the other, so the gaps mirror each other.
        Assert.Equal(womenIndex - menIndex, women.GetProperty("vsRest").GetProperty("difference").GetDouble(), 3);
        Assert.Equal(-women.GetProperty("vsRest").GetProperty("difference").GetDouble(), men.GetProperty("vsRest").GetProperty("difference").GetDouble(), 3);
        Assert.True(women.GetProperty("significant").GetBoolean());
        Assert.True(women.GetProperty("adjustedP").GetDouble() >= women.GetProperty("vsRest").GetProperty("p").GetDouble());
        Assert.True(women.GetProperty("vsRest").GetProperty("cohensD").GetDouble() > 0.8);
        // "Not stated" has nobody: it is hidden and never compared.
        Assert.False(gaps["Not stated"].GetProperty("index").GetProperty("reported").GetBoolean());
        Assert.Equal(JsonValueKind.Null, gaps["Not stated"].GetProperty("vsRest").ValueKind);

        var drivers = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/drivers", Json);
        Assert.Contains("at least 30", drivers.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Empty(drivers.GetProperty("drivers").EnumerateArray());

        var page = await admin.GetStringAsync($"/results/{campaignId}/breakdown?attribute=gender&sort=p");
        Assert.Contains("Significantly higher", page, StringComparison.Ordinal);
        Assert.Contains("Significantly lower", page, StringComparison.Ordinal);
        var overviewPage = await admin.GetStringAsync($"/results/{campaignId}");
        Assert.Contains("95 % CI", overviewPage, StringComparison.Ordinal);
        Assert.Contains("<svg role=\"img\"", overviewPage, StringComparison.Ordinal);
        Assert.Contains("at least 30", await admin.GetStringAsync($"/results/{campaignId}/drivers"), StringComparison.Ordinal);
    }
}
