using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;

namespace Belonging.Web.Tests.Features;

/// <summary>Every endpoint answers malformed or unauthorised input with a specific status and ProblemDetails, never a 500.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private readonly TestApp app = new(DatabaseProvider.Sqlite);

    public async ValueTask InitializeAsync() => await app.InitialiseAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/campaigns")]
    [InlineData("POST", "/api/campaigns")]
    [InlineData("GET", "/api/instruments")]
    [InlineData("POST", "/api/instruments")]
    [InlineData("GET", "/api/account/me")]
    public async Task Api_Anonymous_Is401NotRedirect(string method, string path)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData(TestOrganisation.Employee, "/api/campaigns")]
    [InlineData(TestOrganisation.LeaderA, "/api/campaigns")]
    [InlineData(TestOrganisation.LeaderA, "/api/instruments")]
    public async Task Api_WrongRole_Is403(string email, string path)
    {
        using var client = await app.ClientAsAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Login_BadPassword_Is401Problem()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/account/login", new { email = TestOrganisation.Admin, password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("account.bad_credentials", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Login_MissingFields_Is400WithFieldErrors()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/account/login", new { email = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task CreateCampaign_InvalidFields_Is400ListingEachField()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var response = await admin.PostAsJsonAsync("/api/campaigns", new { name = "", instrumentVersionId = Guid.Empty, opensOn = "2026-02-01", closesOn = "2026-01-01", k = 2, kComments = 1, audience = "Subtree" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["audienceUnitId", "closesOn", "instrumentVersionId", "k", "kComments", "name"], fields);
    }

    [Fact]
    public async Task CreateInstrument_InvalidItems_Is400WithItemPaths()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var response = await admin.PostAsJsonAsync("/api/instruments", new
        {
            key = "Bad Key",
            name = "x",
            items = new object[]
            {
                new { code = "A", text = "", scale = "Agreement5" },
                new { code = "A", text = "Pick", scale = "SingleChoice", choices = new[] { "only one" } },
                new { code = "R", text = "Recommend", scale = "Agreement5", outcome = "Recommend", reverseKeyed = true },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "key", "items[0].text", "items[1].code", "items[1].choices", "items[2].outcome" }, fields);
    }

    [Theory]
    [InlineData("/api/campaigns/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/results/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/instruments/versions/00000000-0000-0000-0000-000000000001")]
    public async Task UnknownId_Is404Problem(string path)
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var response = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenTwice_Is409AndKeepsLinks()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "open-twice");
        var again = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/answers/{tokens[0]}")).StatusCode);
    }

    [Fact]
    public async Task ReissueOnRequest_NoMailServer_OldLinkStopsWorkingNewOneShownOnce()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "reissue");
        var reissued = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/links/on-request", new { employeeId = "E001" });
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
        var body = await reissued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Export", body.GetProperty("delivery").GetString());
        var fresh = body.GetProperty("url").GetString()!.Split("/s/")[1];
        using var anonymous = app.CreateClient();
        var old = await Task.WhenAll(tokens.Select(t => anonymous.GetAsync($"/api/answers/{t}")));
        Assert.Single(old, r => r.StatusCode == HttpStatusCode.NotFound);   // E001's earlier link, and only that one
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/answers/{fresh}")).StatusCode);

        var unknown = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/links/on-request", new { employeeId = "NOBODY" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReissueToEveryone_NoMailServer_Is409ProblemAndNothingChanges()
    {
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "reissue-all");
        var refused = await admin.PostAsync($"/api/campaigns/{campaignId}/links/everyone", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("campaign.mail_required", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/answers/{tokens[0]}")).StatusCode);
        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/distribution-log");
        Assert.Equal(["ExportedAtOpen"], log.EnumerateArray().Select(l => l.GetProperty("kind").GetString()!).ToArray());
    }
}
