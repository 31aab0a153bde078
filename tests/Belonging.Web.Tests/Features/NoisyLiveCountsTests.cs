using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Opt-in noisy live response counts over HTTP, on top of the daily participation snapshot: noisy but bounded, ε spent
/// once per day (not per view), the exhausted budget repeats the last release.
/// </summary>
public sealed class NoisyLiveCountsTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Participation_NoisyOn_BoundedNoisySpendsBudgetThenRepeatsLastRelease(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = new TestApp(provider, clock: clock);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "noisy");
        Assert.Equal(17, tokens.Count);
        using var anonymous = app.CreateClient();
        const int answered = 8;
        foreach (var token in tokens.Take(answered))
        {
            var post = await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = new Dictionary<string, string> { ["Q1"] = "4", ["Q2"] = "3" } });
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        var invalid = await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/noisy-live-counts", new { enabled = true, epsilonPerRelease = 0, budget = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("epsilonPerRelease", out _));

        // Defaults: ε = 0.5 per daily figure, total 5 → ten days of releases.
        var on = await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/noisy-live-counts", new { enabled = true });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var setting = (await on.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("noisyLiveCounts");
        Assert.True(setting.GetProperty("enabled").GetBoolean());
        Assert.Equal(0.5m, setting.GetProperty("epsilonPerRelease").GetDecimal());
        Assert.Equal(5m, setting.GetProperty("budget").GetDecimal());

        var released = new List<int>();
        for (var day = 1; day <= 10; day++)
        {
            var p = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
            Assert.Equal(17, p.GetProperty("invited").GetInt32());
            var responded = p.GetProperty("responded").GetInt32();
            Assert.InRange(responded, 0, 17);
            Assert.Equal(responded / 17.0, p.GetProperty("rate").GetDouble(), 9);
            var noise = p.GetProperty("noise");
            Assert.Equal(0.5m * day, noise.GetProperty("spent").GetDecimal());
            Assert.False(noise.GetProperty("budgetExhausted").GetBoolean());
            released.Add(responded);

            // More views the same day cost nothing and show the same figure.
            var again = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
            Assert.Equal(responded, again.GetProperty("responded").GetInt32());
            Assert.Equal(0.5m * day, again.GetProperty("noise").GetProperty("spent").GetDecimal());
            clock.Advance(TimeSpan.FromDays(1));
        }

        // P(Z = 0) = (1 − α)/(1 + α) ≈ 0.245 at ε = 0.5, so ten exact answers in a row has probability ≈ 8e−7.
        Assert.Contains(released, r => r != answered);

        for (var day = 0; day < 2; day++)
        {
            clock.Advance(TimeSpan.FromDays(1));
            var p = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
            Assert.Equal(released[^1], p.GetProperty("responded").GetInt32());
            Assert.Equal(17, p.GetProperty("invited").GetInt32());
            var noise = p.GetProperty("noise");
            Assert.True(noise.GetProperty("budgetExhausted").GetBoolean());
            Assert.Equal(5m, noise.GetProperty("spent").GetDecimal());
            Assert.Contains("used up", noise.GetProperty("note").GetString(), StringComparison.Ordinal);
        }

        var page = await admin.GetStringAsync($"/admin/campaigns/{campaignId}");
        Assert.Contains("used up", page, StringComparison.Ordinal);

        var locked = await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/noisy-live-counts", new { enabled = false });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Equal("campaign.noisy_counts_locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await using (var db = app.NewDb())
        {
            var stored = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId);
            Assert.Equal(5m, stored.NoisySpent);
            Assert.Equal(10, stored.NoisyReleases);
            Assert.Equal(released[^1], stored.NoisyLastResponded);
        }

        // After close the live view is over: the exact count, no noise, nothing spent.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{campaignId}/close", null)).StatusCode);
        var final = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
        Assert.Equal(answered, final.GetProperty("responded").GetInt32());
        Assert.True(!final.TryGetProperty("noise", out var none) || none.ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Participation_NoisyOff_ExactAndNothingSpent(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "exact");
        using var anonymous = app.CreateClient();
        foreach (var token in tokens.Take(6))
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = new Dictionary<string, string> { ["Q1"] = "4" } })).StatusCode);
        }

        for (var view = 0; view < 3; view++)
        {
            var p = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
            Assert.Equal(6, p.GetProperty("responded").GetInt32());
            Assert.True(!p.TryGetProperty("noise", out var none) || none.ValueKind == JsonValueKind.Null);
        }

        var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}");
        var setting = summary.GetProperty("noisyLiveCounts");
        Assert.False(setting.GetProperty("enabled").GetBoolean());
        Assert.Equal(0m, setting.GetProperty("spent").GetDecimal());

        // The page offers the opt-in while nothing noisy has been released, and shows the exact count without a noise note.
        var page = await admin.GetStringAsync($"/admin/campaigns/{campaignId}");
        Assert.Contains("Noisy live response counts", page, StringComparison.Ordinal);
        Assert.Contains("6 of 17", page, StringComparison.Ordinal);
        Assert.DoesNotContain("includes random noise", page, StringComparison.Ordinal);
    }
}
