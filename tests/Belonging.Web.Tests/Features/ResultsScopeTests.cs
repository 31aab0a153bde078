using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Red team, leak 7 (scope): a leader's anonymity audit covers their subtree only; unknown and forbidden unit ids answer
/// identically; a malformed id is a 400, never a 500; and nobody who may not read a campaign's results can make the
/// server compute its release.
/// </summary>
public sealed class ResultsScopeTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly object ByGender = new { attributes = new[] { new { name = "gender", maxDepth = 2 } }, pairs = Array.Empty<object>() };

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task LeaderAudit_CoversOwnScopeOnly(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "scope-audit", ByGender, (_, i) => i % 4 == 3 ? null : new() { ["Q1"] = "4", ["Q2"] = "2", ["Q3"] = "3" });
        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);

        var whole = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/anonymity-audit", Json);
        var scoped = await leader.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/anonymity-audit", Json);

        var inA = new[] { app.Org.A, app.Org.A1, app.Org.A2 }.Select(u => u.ToString()).ToHashSet(StringComparer.Ordinal);
        var units = scoped.GetProperty("withheld").EnumerateArray().Select(b => b.GetProperty("cell").GetProperty("unit").GetString()!).ToList();
        Assert.All(units, u => Assert.Contains(u, inA));
        Assert.Contains(whole.GetProperty("withheld").EnumerateArray(), b => !inA.Contains(b.GetProperty("cell").GetProperty("unit").GetString()!));
        Assert.True(scoped.GetProperty("cells").GetInt32() < whole.GetProperty("cells").GetInt32());
        // Within one small area, how many hidden groups are small is not said: it would narrow them.
        Assert.True(scoped.GetProperty("reasonsCombined").GetBoolean());
        Assert.Equal(0, scoped.GetProperty("primarySuppressed").GetInt32() + scoped.GetProperty("complementarySuppressed").GetInt32() + scoped.GetProperty("crossReleaseSuppressed").GetInt32());
        Assert.Equal(scoped.GetProperty("cells").GetInt32() - scoped.GetProperty("reported").GetInt32(), scoped.GetProperty("hidden").GetInt32());
        Assert.True(scoped.GetProperty("hidden").GetInt32() > 0);
        Assert.False(whole.GetProperty("reasonsCombined").GetBoolean());
        var leaderPage = await leader.GetStringAsync($"/results/{campaignId}/anonymity");
        Assert.DoesNotContain(app.Org.B1.ToString(), leaderPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAndForbiddenUnits_AnswerIdentically_MalformedIdsAreBadRequests()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "scope-probe", ByGender, (_, _) => new() { ["Q1"] = "4", ["Q2"] = "2", ["Q3"] = "3" });
        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);
        var unknown = Guid.Parse("0b7e8a52-5d0c-4c1e-9a55-2f6a1f3c9d10");

        foreach (var route in new[] { "", "/heatmap", "/breakdown?attribute=gender&", "/drivers", "/export" })
        {
            var path = route.Contains('?', StringComparison.Ordinal) ? $"/api/results/{campaignId}{route}" : $"/api/results/{campaignId}{route}?";
            var forbidden = await leader.GetAsync($"{path}unit={app.Org.B}");
            var missing = await leader.GetAsync($"{path}unit={unknown}");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal(forbidden.StatusCode, missing.StatusCode);
            Assert.Equal(await ProblemAsync(forbidden), await ProblemAsync(missing));
            Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync($"{path}unit=not-a-guid")).StatusCode);
        }

        // A hidden unit's page never claims a reason it cannot give (a unit can be hidden to protect a smaller one).
        var hiddenPage = await leader.GetStringAsync($"/results/{campaignId}?unit={app.Org.A2}");
        Assert.Contains("We never say which", hiddenPage, StringComparison.Ordinal);

        foreach (var page in new[] { "", "/heatmap", "/breakdown", "/drivers" })
        {
            var forbidden = await leader.GetAsync($"/results/{campaignId}{page}?unit={app.Org.B}");
            var missing = await leader.GetAsync($"/results/{campaignId}{page}?unit={unknown}");
            Assert.Equal(forbidden.StatusCode, missing.StatusCode);
            var malformed = await leader.GetAsync($"/results/{campaignId}{page}?unit=not-a-guid");
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Contains("is not a unit id", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task EmployeeBeforePublication_CannotTriggerTheReleaseComputation(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "scope-cold", ByGender, (_, _) => new() { ["Q1"] = "4", ["Q2"] = "2", ["Q3"] = "3" });
        using var employee = await app.ClientAsAsync(TestOrganisation.Employee);
        await using (var db = app.NewDb())
        {
            await db.PublishedReleases.Where(r => r.CampaignId == campaignId).ExecuteDeleteAsync();
        }

        foreach (var route in new[] { "", "/heatmap", "/breakdown?attribute=gender", "/drivers", "/export", "/anonymity-audit", "/comments" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/api/results/{campaignId}{route}")).StatusCode);
        }

        await using (var db = app.NewDb())
        {
            Assert.False(await db.PublishedReleases.AnyAsync(r => r.CampaignId == campaignId));
        }
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return $"{problem.GetProperty("title").GetString()}|{(problem.TryGetProperty("detail", out var d) ? d.GetString() : "")}";
    }
}
