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

    private static Task<Guid> ClosedCampaignByGenderAsync(TestApp app, HttpClient admin) =>
        TestCampaigns.ClosedAsync(app, admin, "analytics", new { attributes = new[] { new { name = "gender", maxDepth = 0 } }, pairs = Array.Empty<object>() }, (link, i) =>
        {
            var n = int.Parse(link.GetProperty("employeeId").GetString()![1..], CultureInfo.InvariantCulture);
            // Women (even ids) answer 4–5, men 2–3, with some spread so that the test has variance.
            var (q1, q2) = n % 2 == 0 ? (i % 2 == 0 ? "5" : "4", "5") : (i % 2 == 0 ? "2" : "3", "2");
            return new Dictionary<string, string> { ["Q1"] = q1, ["Q2"] = q2, ["Q3"] = q1, ["Q4"] = "8" };
        });

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
        // Published figures sit on each group's step (ValueWindow: whole points from 100 respondents, coarser below), and
        // gaps are computed from them: two complementary groups' gaps mirror each other up to that rounding (each one's
        // "rest" is the other).
        var wholeQ = overview.GetProperty("scores").GetProperty("precision").GetDouble();
        Assert.Equal(0, Math.IEEERemainder(value, wholeQ), 9);
        Assert.Equal(0, Math.IEEERemainder(womenIndex, women.GetProperty("precision").GetDouble()), 9);
        Assert.Equal(0, Math.IEEERemainder(menIndex, men.GetProperty("precision").GetDouble()), 9);
        // "The rest" is worked out from the rounded whole (n_w, step q_w) and the rounded group (n_g, step q_g), so it is
        // off by at most (q_w n_w + q_g n_g) / 2 / (n_w − n_g) points, and the other group's own figure by half its step.
        var whole = overview.GetProperty("scores").GetProperty("respondents").GetInt32();
        double Slack(JsonElement g, JsonElement other)
        {
            var n = g.GetProperty("index").GetProperty("n").GetInt32();
            return (((wholeQ * whole) + (g.GetProperty("precision").GetDouble() * n)) / 2 / (whole - n)) + (other.GetProperty("precision").GetDouble() / 2);
        }

        Assert.InRange(Math.Abs(womenIndex - menIndex - women.GetProperty("vsRest").GetProperty("difference").GetDouble()), 0, Slack(women, men));
        Assert.InRange(Math.Abs(women.GetProperty("vsRest").GetProperty("difference").GetDouble() + men.GetProperty("vsRest").GetProperty("difference").GetDouble()), 0, Slack(women, men) + Slack(men, women));
        Assert.True(women.GetProperty("significant").GetBoolean());
        Assert.True(women.GetProperty("adjustedP").GetDouble() >= women.GetProperty("vsRest").GetProperty("p").GetDouble());
        Assert.True(women.GetProperty("vsRest").GetProperty("cohensD").GetDouble() > 0.8);
        // "Not stated" has nobody: it is hidden and never compared.
        Assert.False(gaps["Not stated"].GetProperty("index").GetProperty("reported").GetBoolean());
        Assert.Equal(JsonValueKind.Null, gaps["Not stated"].GetProperty("vsRest").ValueKind);

        var drivers = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/drivers", Json);
        Assert.Contains("at least 30", drivers.GetProperty("drivers").GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Empty(drivers.GetProperty("drivers").GetProperty("drivers").EnumerateArray());
        // Reliability per component is released with the scope cell; one-question components say they cannot be assessed.
        var reliability = drivers.GetProperty("reliability").EnumerateArray().ToList();
        Assert.Equal(6, reliability.Count);
        Assert.All(reliability, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("rawAlpha").ValueKind));

        var page = await admin.GetStringAsync($"/results/{campaignId}/breakdown?attribute=gender&sort=p");
        Assert.Contains("Significantly higher", page, StringComparison.Ordinal);
        Assert.Contains("Significantly lower", page, StringComparison.Ordinal);
        var overviewPage = await admin.GetStringAsync($"/results/{campaignId}");
        Assert.Contains("95 % CI", overviewPage, StringComparison.Ordinal);
        Assert.Contains("<svg role=\"img\"", overviewPage, StringComparison.Ordinal);
        Assert.Contains("at least 30", await admin.GetStringAsync($"/results/{campaignId}/drivers"), StringComparison.Ordinal);

        // A second survey: each gender group is compared with itself in the first one.
        var second = await TestCampaigns.ClosedAsync(app, admin, "analytics-2", new { attributes = new[] { new { name = "gender", maxDepth = 0 } }, pairs = Array.Empty<object>() }, (link, i) =>
            new Dictionary<string, string> { ["Q1"] = i % 3 == 0 ? "3" : "5", ["Q2"] = "5", ["Q3"] = "4" });
        var trendPage = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/results/{second}/breakdown?attribute=gender"));
        Assert.Contains("Change since Campaign analytics", trendPage, StringComparison.Ordinal);
        Assert.Matches(@"[+−]\d+\.\d \(95 % CI [+−]?\d+\.\d to [+−]?\d+\.\d; (significant|not significant)\)", trendPage);
    }
}

public sealed class MetricsHttpTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task Registry_DefineRecordCorrect_ShownBesideSurveyOutcomes(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);

        var created = await admin.PostAsJsonAsync("/api/metrics", new { name = "New joiners with a buddy", kind = "Leading", unit = "%" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/metrics", new { name = "New joiners with a buddy", kind = "Leading" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/metrics", new { name = "", kind = "Leading" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/metrics/{id}/values", new { period = "2026-03-31", value = 40.0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/metrics/{id}/values", new { period = "2026-06-30", value = 55.0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/metrics/{id}/values", new { period = "2026-06-30", value = 60.0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/metrics/{id}/values", new { period = "2026-09-30" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/metrics/{Guid.Empty}/values", new { period = "2026-09-30", value = 1.0 })).StatusCode);

        var series = await admin.GetFromJsonAsync<JsonElement>("/api/metrics", Json);
        var buddy = series.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "New joiners with a buddy");
        Assert.Equal("Leading", buddy.GetProperty("kind").GetString());
        Assert.Equal([40.0, 60.0], buddy.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()).ToArray());
        Assert.Contains(series.EnumerateArray(), s => s.GetProperty("name").GetString() == "Belonging index" && s.GetProperty("kind").GetString() == "Lagging");

        // Leaders read the dashboard but cannot define metrics; employees cannot see it.
        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/metrics", new { name = "x", kind = "Leading" })).StatusCode);
        using var employee = await app.ClientAsAsync(TestOrganisation.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/api/metrics")).StatusCode);

        var page = await admin.GetStringAsync("/metrics");
        Assert.Contains("New joiners with a buddy", page, StringComparison.Ordinal);
        Assert.Contains("<svg role=\"img\"", page, StringComparison.Ordinal);
    }
}
