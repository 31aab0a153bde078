using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;

namespace Belonging.Web.Tests.Features;

public sealed class InvitationMailTests
{
    [Fact]
    public async Task Open_WithSmtpConfigured_EmailsEachInviteeTheirOwnWorkingLink()
    {
        await using var smtp = new SmtpSink();
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:EnableSsl"] = "false",
            ["Smtp:From"] = "survey@test.local",
        });
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var instrument = await admin.PostAsJsonAsync("/api/instruments", CampaignJourneyTests.SmallInstrument("mail"));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Mailed survey", instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31" });
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var opened = await (await admin.PostAsync($"/api/campaigns/{campaignId}/open", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(17, opened.GetProperty("emailed").GetInt32());
        Assert.Equal(17, smtp.Messages.Count);
        var tokens = smtp.Messages.Select(m => System.Text.RegularExpressions.Regex.Match(m, "/s/([A-Za-z0-9_-]{43})").Groups[1].Value).ToList();
        Assert.Equal(17, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(smtp.Messages, m => Assert.Contains("Mailed survey", m, StringComparison.Ordinal));
        using var anonymous = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync($"/api/answers/{tokens[0]}")).StatusCode);
    }
}
