using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Belonging.Web.Tests.Platform;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Red team, leak 1, over HTTP on both databases: in Team B1 (8 people, all reported) only one person answers Q2. The
/// organisation's Q2 n and mean minus Division A's would give that person's answer. Each question is released on its
/// own answerer counts, so the two are never both shown.
/// </summary>
public sealed class ItemDifferencingTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task OnePersonAnsweredAQuestionInTheirDivision_TheirAnswerCannotBeDifferenced(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "item-diff", new { attributes = Array.Empty<object>(), pairs = Array.Empty<object>() }, (link, _) =>
        {
            var n = int.Parse(link.GetProperty("employeeId").GetString()!.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            var answers = new Dictionary<string, string> { ["Q1"] = "4", ["Q3"] = "3" };
            if (n <= 9 || n == 10)
            {
                answers["Q2"] = n == 10 ? "1" : "5";
            }

            return answers;
        });

        async Task<(bool Unit, JsonElement? Q2)> ReadAsync(Guid unit)
        {
            var overview = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}?unit={unit}", Json);
            var scores = overview.GetProperty("scores");
            if (!scores.GetProperty("reported").GetBoolean())
            {
                return (false, null);
            }

            return (true, scores.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "Q2"));
        }

        var root = await ReadAsync(app.Org.Root);
        var divisionA = await ReadAsync(app.Org.A);
        var divisionB = await ReadAsync(app.Org.B);
        Assert.True(root.Unit && divisionA.Unit && divisionB.Unit, "the whole organisation and both divisions are reported");
        Assert.False(divisionB.Q2!.Value.GetProperty("reported").GetBoolean());
        var both = root.Q2!.Value.GetProperty("reported").GetBoolean() && divisionA.Q2!.Value.GetProperty("reported").GetBoolean();
        Assert.False(both, "organisation Q2 minus Division A Q2 would give the one answer in Division B");
    }
}
