using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>Issue 10, input handling: too-large bodies, bodies without answers, malformed JSON, rate limits.</summary>
public sealed class InputLimitsTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task RosterUpload_OverTheLimit_Is413WithMessage()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["Uploads:MaxBytes"] = "1048576" });
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "people", "people.csv");
        var problem = await ProblemAsync(await admin.PostAsync("/api/roster/import", form), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than the 1 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RosterUpload_OverTheLimitWithoutContentLength_Is413WithMessageNot500()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["Uploads:MaxBytes"] = "1048576" });
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        using var form = new MultipartFormDataContent();
        using var file = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024]));
        form.Add(file, "people", "people.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/roster/import") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        var problem = await ProblemAsync(await admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"answers\":null}")]
    public async Task Answers_MissingOrNull_Is400NamingTheFieldAndTheLinkStillWorks(string body)
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "null-answers");
        using var anonymous = app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var problem = await ProblemAsync(await anonymous.PostAsync($"/api/answers/{tokens[0]}", content), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("answers", out _));
        await using (var db = app.NewDb())
        {
            Assert.False(await db.Invitations.AnyAsync(i => i.CampaignId == campaignId && i.Spent));
            Assert.Equal(0, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers = new Dictionary<string, string> { ["Q1"] = "4" } })).StatusCode);
        await using var after = app.NewDb();
        Assert.Equal(1, await after.Envelopes.CountAsync(e => e.CampaignId == campaignId));
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task MalformedJson_Is400ProblemNamingTheProblemInEveryEnvironment(string environment)
    {
        var settings = new Dictionary<string, string> { ["Belonging:PublicBaseUrl"] = "https://localhost" };
        await using var app = new TestApp(DatabaseProvider.Sqlite, settings, environment: environment);
        await app.InitialiseAsync();
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        using var content = new StringContent("{\"answers\": {\"Q1\": \"4\",,}}", Encoding.UTF8, "application/json");
        var problem = await ProblemAsync(await client.PostAsync("/api/answers/some-token", content), HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("could not be read as JSON", detail, StringComparison.Ordinal);
        Assert.Contains("$.answers", detail, StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("exception", out _));
    }

    [Fact]
    public async Task Answers_OversizedBody_ShortReplyAndNothingStored()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "big-answers");
        using var anonymous = app.CreateClient();
        var answers = Enumerable.Range(0, 200_000).ToDictionary(i => "X" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "1");
        var response = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.InRange((await response.Content.ReadAsByteArrayAsync()).Length, 1, 2048);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
    }

    [Fact]
    public async Task Answers_ManyUnknownQuestionsUnderTheLimit_ShortReply()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (_, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "many-answers");
        using var anonymous = app.CreateClient();
        var answers = Enumerable.Range(0, 20_000).ToDictionary(i => "X" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "1");
        var response = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange((await response.Content.ReadAsByteArrayAsync()).Length, 1, 8192);
    }

    [Fact]
    public async Task Login_OverTheRateLimit_Is429ProblemWithRetryAfter()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });
        await app.InitialiseAsync();
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/account/login", new { email = "x@test.local", password = "wrong password" })).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/account/login", new { email = TestOrganisation.Admin, password = TestApp.Password });
        var problem = await ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal("request.rate_limited", problem.GetProperty("code").GetString());
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Answers_OverTheRateLimit_Is429()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["RateLimits:AnswersPerMinute"] = "2" });
        await app.InitialiseAsync();
        using var anonymous = app.CreateClient();
        var body = new { answers = new Dictionary<string, string> { ["Q1"] = "4" } };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/answers/guess-1", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/answers/guess-2", body)).StatusCode);
        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/answers/guess-3", body), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Uploads_OverTheRateLimit_Is429()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["RateLimits:UploadsPerMinute"] = "1" });
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        HttpContent Form()
        {
            var form = new MultipartFormDataContent();
            form.Add(new StringContent("employee_id,name\n"), "people", "people.csv");
            return form;
        }

        using var first = Form();
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await admin.PostAsync("/api/roster/import", first)).StatusCode);
        using var second = Form();
        await ProblemAsync(await admin.PostAsync("/api/roster/import", second), HttpStatusCode.TooManyRequests);
    }
}
