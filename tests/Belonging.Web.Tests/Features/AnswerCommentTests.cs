using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>Issue 10, smaller items on comments: the length limit and the identifying-detail warning.</summary>
public sealed class AnswerCommentTests
{
    private static Dictionary<string, string> Answers(string comment) => new() { ["Q1"] = "4", ["C1"] = comment };

    [Fact]
    public async Task Submit_CommentOfExactlyTheLimit_AcceptedAndOneMoreRefusedSayingAtMost()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "comment-limit");
        using var anonymous = app.CreateClient();

        var over = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers = Answers(new string('a', 4001)) });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        var message = (await over.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("C1")[0].GetString();
        Assert.Equal("Keep your comment to at most 4,000 characters (it has 4,001).", message);

        var atLimit = await anonymous.PostAsJsonAsync($"/api/answers/{tokens[0]}", new { answers = Answers(new string('a', 4000)) });
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
    }

    /// <summary>
    /// The roster holds "Person 1" … "Person 17". Before, "Person" was warned about and "Zelda" went through, so anyone
    /// with a link could test names against the roster. Both must now get the same answer.
    /// </summary>
    [Fact]
    public async Task Submit_NameOnTheRosterAndNameNotOnIt_SameWarning()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var (campaignId, tokens) = await CampaignJourneyTests.OpenCampaignAsync(admin, "name-probe");
        using var anonymous = app.CreateClient();

        async Task<(HttpStatusCode Status, string? Code, string Warnings)> Probe(string token, string name)
        {
            var reply = await anonymous.PostAsJsonAsync($"/api/answers/{token}", new { answers = Answers($"My manager {name} never listens.") });
            var body = await reply.Content.ReadFromJsonAsync<JsonElement>();
            var warnings = body.TryGetProperty("warnings", out var w) ? w.GetRawText().Replace(name, "NAME", StringComparison.Ordinal) : "";
            return (reply.StatusCode, body.TryGetProperty("code", out var c) ? c.GetString() : null, warnings);
        }

        var onRoster = await Probe(tokens[0], "Person");
        var notOnRoster = await Probe(tokens[1], "Zelda");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, onRoster.Status);
        Assert.Equal(onRoster, notOnRoster);
        Assert.Equal("answer.identifying_details", notOnRoster.Code);
        Assert.Contains("looks like a name", notOnRoster.Warnings, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
    }
}
