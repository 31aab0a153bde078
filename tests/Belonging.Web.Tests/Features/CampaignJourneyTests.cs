using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>The measuring loop over HTTP, on SQLite and PostgreSQL: instrument → campaign → answers → close → results.</summary>
public sealed class CampaignJourneyTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    internal static object SmallInstrument(string key) => new
    {
        key,
        name = "Small test instrument",
        attribution = "Test attribution",
        items = new object[]
        {
            new { code = "Q1", text = "I feel I belong.", scale = "Agreement5", component = "MeaningfulConnection", outcome = "Belonging", allowDontKnow = true },
            new { code = "Q2", text = "It is safe to speak up.", scale = "Agreement5", component = "PsychologicalSafety" },
            new { code = "Q3", text = "I want to stay.", scale = "Agreement5", outcome = "IntentToStay" },
            new { code = "Q4", text = "Would you recommend us?", scale = "ZeroToTen", outcome = "Recommend" },
            new { code = "C1", text = "Anything else?", scale = "FreeText" },
        },
    };

    internal static async Task<(Guid CampaignId, List<string> Tokens)> OpenCampaignAsync(HttpClient admin, string key, int k = 5)
    {
        var instrument = await admin.PostAsJsonAsync("/api/instruments", SmallInstrument(key));
        Assert.Equal(HttpStatusCode.Created, instrument.StatusCode);
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Test campaign " + key, instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k, kComments = Math.Max(5, k) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var links = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray()
            .Select(l => l.GetProperty("url").GetString()!.Split("/s/")[1]).ToList();
        return (campaignId, links);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Journey_AnswerCloseAndReport_SmallTeamSuppressed(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await OpenCampaignAsync(admin, "journey");
        Assert.Equal(17, tokens.Count);

        using var anonymous = app.CreateClient();
        var survey = await anonymous.GetFromJsonAsync<JsonElement>($"/api/answers/{tokens[0]}");
        Assert.Equal(5, survey.GetProperty("items").GetArrayLength());

        var answers = 0;
        foreach (var token in tokens)
        {
            var post = await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = new Dictionary<string, string> { ["Q1"] = "4", ["Q2"] = "5", ["Q3"] = "2", ["Q4"] = "9", ["C1"] = "More team lunches." } });
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            answers++;
        }

        // While open: results are closed to everyone, the admin sees only the response rate.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.GetAsync($"/api/results/{campaignId}")).StatusCode);
        var participation = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation");
        Assert.Equal(answers, participation.GetProperty("responded").GetInt32());
        await using (var db = app.NewDb())
        {
            Assert.Equal(answers, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
            Assert.Equal(0, await db.ResponseSets.CountAsync(r => r.CampaignId == campaignId));
        }

        var closed = await admin.PostAsync($"/api/campaigns/{campaignId}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(answers, (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerSets").GetInt32());
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
            Assert.Equal(answers, await db.ResponseSets.CountAsync(r => r.CampaignId == campaignId));
            Assert.Equal(answers, await db.Comments.CountAsync(r => r.CampaignId == campaignId));
        }

        Assert.Empty(Directory.Exists(app.KeyDirectory) ? Directory.GetFiles(app.KeyDirectory) : []);

        var overview = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}", Json);
        var scores = overview.GetProperty("scores");
        Assert.True(scores.GetProperty("reported").GetBoolean());
        Assert.Equal(17, scores.GetProperty("respondents").GetInt32());
        // Q1 = 4 (75) and Q2 = 5 (100) → every respondent's index is 87.5, published at the step a group of 17 supports
        // (ValueWindow.ForSize: 10 points), and the API says so.
        Assert.Equal(90, scores.GetProperty("index").GetProperty("value").GetDouble(), 6);
        Assert.Equal(10, scores.GetProperty("precision").GetDouble(), 6);
        Assert.Equal(0.0, scores.GetProperty("intentToStay").GetProperty("value").GetDouble(), 6);
        Assert.Equal(100.0, scores.GetProperty("recommend").GetProperty("score").GetDouble(), 6);

        var heatmap = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/heatmap?depth=5", Json);
        var rows = heatmap.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("scores"));
        var a2 = rows["Team A2"];
        Assert.False(a2.GetProperty("reported").GetBoolean());
        Assert.Equal(JsonValueKind.Null, a2.GetProperty("respondents").ValueKind);
        Assert.Equal("Protected", a2.GetProperty("hidden").GetString());
        // Differencing: Division A (9) minus Team A1 (6) would reveal Team A2's 3 people, so both cannot be shown.
        Assert.False(rows["Division A"].GetProperty("reported").GetBoolean() && rows["Team A1"].GetProperty("reported").GetBoolean());
        Assert.True(rows["Team B1"].GetProperty("reported").GetBoolean());

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/anonymity-audit", Json);
        Assert.True(audit.GetProperty("passed").GetBoolean());
        Assert.Equal(5, audit.GetProperty("k").GetInt32());
        Assert.True(audit.GetProperty("complementarySuppressed").GetInt32() >= 1);
        // Every withheld count the attacker can bound is at least k wide (or unbounded).
        Assert.All(audit.GetProperty("withheld").EnumerateArray(), w =>
            Assert.True(w.GetProperty("max").ValueKind == JsonValueKind.Null || w.GetProperty("max").GetInt32() - w.GetProperty("min").GetInt32() >= 5 || w.GetProperty("min").GetInt32() >= 5 || w.GetProperty("max").GetInt32() == 0));

        var comments = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/comments", Json);
        var c1 = comments.EnumerateArray().Single().GetProperty("comments");
        Assert.True(c1.GetProperty("reported").GetBoolean());
        Assert.Equal(17, c1.GetProperty("texts").GetArrayLength());

        // Scope: the leader of A sees A and below, never B or the organisation; comments are admin-only.
        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);
        var leaderView = await leader.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}", Json);
        Assert.Equal(app.Org.A, leaderView.GetProperty("unitId").GetGuid());
        Assert.Equal(9, leaderView.GetProperty("scores").GetProperty("respondents").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/results/{campaignId}?unit={app.Org.B}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/results/{campaignId}?unit={app.Org.Root}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/results/{campaignId}/comments")).StatusCode);

        // Employees: nothing until published, then the organisation level only.
        using var employee = await app.ClientAsAsync(TestOrganisation.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/api/results/{campaignId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/api/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{campaignId}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync($"/api/results/{campaignId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/api/results/{campaignId}?unit={app.Org.A}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/api/results/{campaignId}/heatmap")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submit_Twice_RecordsOneAnswerSet(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await OpenCampaignAsync(admin, "twice");
        using var anonymous = app.CreateClient();
        var body = new { answers = new Dictionary<string, string> { ["Q1"] = "5" } };

        // A double click: two concurrent submissions with one link.
        var both = await Task.WhenAll(anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", body), anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", body));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replay = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", body);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        // The repeat is acknowledged exactly like the first submission: nobody can tell from outside that the link was used.
        Assert.Equal(await both[0].Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());

        await using var db = app.NewDb();
        Assert.Equal(1, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/answers/{tokens[0]}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Submit_InvalidAnswers_FieldErrorsAndNothingStored(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await OpenCampaignAsync(admin, "invalid");
        using var anonymous = app.CreateClient();

        var bad = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers = new Dictionary<string, string> { ["Q1"] = "7", ["Q2"] = "dk", ["Q4"] = "eleven", ["NOPE"] = "1", ["C1"] = new string('x', 5000) } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        // Q2 does not offer "don't know"; Q1 is out of range; Q4 is not a number; NOPE is not a question; C1 is too long.
        Assert.Equal(["C1", "NOPE", "Q1", "Q2", "Q4"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/answers/not-a-real-token", new { answers = new Dictionary<string, string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync($"/api/answers/{tokens[0]}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        await using var db = app.NewDb();
        Assert.Equal(0, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
        Assert.Equal(0, await db.Invitations.CountAsync(i => i.CampaignId == campaignId && i.Spent));
    }

    [Fact]
    public async Task Submit_CommentWithIdentifyingDetail_WarnsThenAcceptsWhenConfirmed()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await OpenCampaignAsync(admin, "identifying");
        using var anonymous = app.CreateClient();
        var answers = new Dictionary<string, string> { ["Q1"] = "4", ["C1"] = "As the only remote person, write to me at me@test.local" };

        var warned = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, warned.StatusCode);
        var body = await warned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("answer.identifying_details", body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("warnings").GetProperty("C1").GetArrayLength() >= 2);
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
        }

        var confirmed = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers, sendCommentsAsWritten = true });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await using var after = app.NewDb();
        Assert.Equal(1, await after.Envelopes.CountAsync(e => e.CampaignId == campaignId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Thresholds_AfterOpen_CanRiseButNeverFallWhetherOrNotAnyoneAnswered(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var instrument = await admin.PostAsJsonAsync("/api/instruments", SmallInstrument("thresholds"));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Thresholds", instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k = 6, kComments = 6 });
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/thresholds", new { k = 4, kComments = 5 })).StatusCode);   // draft: down is fine
        var opened = await (await admin.PostAsync($"/api/campaigns/{campaignId}/open", null)).Content.ReadFromJsonAsync<JsonElement>();
        var token = opened.GetProperty("links")[0].GetProperty("url").GetString()!.Split("/s/")[1];

        // Open, nobody has answered yet: lowering is refused, exactly as it is after the first answer.
        var beforeAnswer = await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/thresholds", new { k = 3, kComments = 5 });
        using var anonymous = app.CreateClient();
        await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = new Dictionary<string, string> { ["Q1"] = "3" } });
        var afterAnswer = await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/thresholds", new { k = 3, kComments = 5 });
        Assert.Equal(HttpStatusCode.Conflict, beforeAnswer.StatusCode);
        Assert.Equal("campaign.threshold_lowered", (await beforeAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        static string WithoutTrace(string body) => System.Text.RegularExpressions.Regex.Replace(body, ",\"traceId\":\"[^\"]*\"", "");
        Assert.Equal(WithoutTrace(await beforeAnswer.Content.ReadAsStringAsync()), WithoutTrace(await afterAnswer.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/thresholds", new { k = 7, kComments = 12 })).StatusCode);
        var belowFloor = await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/thresholds", new { k = 2, kComments = 12 });
        Assert.Equal(HttpStatusCode.BadRequest, belowFloor.StatusCode);
        Assert.Equal("campaign.threshold_below_floor", (await belowFloor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
