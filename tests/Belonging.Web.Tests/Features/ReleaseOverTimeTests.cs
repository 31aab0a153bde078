using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Belonging.Data;
using Belonging.Data.Results;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Attacker suite, over time: after a campaign closes, an org-tree move, roster corrections (a moved person, a corrected
/// attribute, a leaver) and an erasure request must change nothing a closed campaign releases — otherwise the old and
/// the new version of the same release could be differenced (docs/methods/cross-release.md).
/// </summary>
public sealed class ReleaseOverTimeTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task TreeMoveCorrectionsAndErasure_AfterClose_ReleaseIdenticalAndPersonGone(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "over-time", new { attributes = new[] { new { name = "gender", maxDepth = 2 } }, pairs = Array.Empty<object>() }, (_, i) =>
            i == 16 ? null : new Dictionary<string, string> { ["Q1"] = (1 + (i % 5)).ToString(CultureInfo.InvariantCulture), ["Q2"] = "4", ["Q3"] = "3" });
        var before = await ReleaseFingerprintAsync(app, campaignId);
        var apiBefore = await ApiFingerprintAsync(admin, campaignId);
        Assert.Contains("withheld", before, StringComparison.Ordinal);
        Assert.Contains("n=", before, StringComparison.Ordinal);

        // Roster changes after close: Team A2 moves under Division B, a new unit appears, E001 moves to Team B1,
        // E010's gender is corrected, E017 leaves (missing from the file).
        const string units = "unit_id,name,parent_unit_id\nROOT,Acme,\nA,Division A,ROOT\nA1,Team A1,A\nA2,Team A2,B\nB,Division B,ROOT\nB1,Team B1,B\nC1,Team C1,ROOT\n";
        var people = new StringBuilder("employee_id,name,email,manager_id,org_unit_id,start_date,gender,location\n");
        for (var n = 1; n <= 16; n++)
        {
            var unit = n == 1 ? "B1" : n <= 6 ? "A1" : n <= 9 ? "A2" : "B1";
            var gender = (n % 2 == 0) ^ (n == 10) ? "Woman" : "Man";
            people.Append(CultureInfo.InvariantCulture, $"E{n:D3},Person {n},person{n}@test.local,{(n == 3 ? "E002" : "")},{unit},2020-01-01,{gender},Office\n");
        }

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(people.ToString())), "people", "people.csv" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(units)), "units", "units.csv" },
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/roster/import", form)).StatusCode);

        // Erasure request for E002, who answered and manages E003.
        var erased = await admin.PostAsync("/api/roster/people/E002/erase", null);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var receipt = await erased.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(1, receipt.GetProperty("participationMarksFolded").GetInt32());
        Assert.Equal(1, receipt.GetProperty("reportsUnlinked").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/roster/people/E002/erase", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/roster/people/NOBODY/erase", null)).StatusCode);
        using var employee = await app.ClientAsAsync(TestOrganisation.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.PostAsync("/api/roster/people/E003/erase", null)).StatusCode);

        await using (var db = app.NewDb())
        {
            Assert.False(await db.People.AnyAsync(p => p.EmployeeId == "E002"));
            Assert.False(await db.PersonAttributeValues.AnyAsync(a => !db.People.Any(p => p.Id == a.PersonId)));
            Assert.Null((await db.People.SingleAsync(p => p.EmployeeId == "E003")).ManagerId);
            Assert.Equal(16, await db.Invitations.CountAsync(i => i.CampaignId == campaignId));
            var record = await db.ErasureRecords.SingleAsync();
            Assert.Equal(1, record.ParticipationMarksFolded);
        }

        // Recomputed from the database with no cache, and as the API serves it: identical.
        Assert.Equal(before, await ReleaseFingerprintAsync(app, campaignId));
        Assert.Equal(apiBefore, await ApiFingerprintAsync(admin, campaignId));
    }

    [Fact]
    public async Task Erasure_WhileOpen_LinkStopsWorkingAndCountsStayExact()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = new TestApp(DatabaseProvider.Sqlite, clock: clock);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var instrument = await admin.PostAsJsonAsync("/api/instruments", CampaignJourneyTests.SmallInstrument("erase-open"));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Open", instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k = 5, kComments = 5 });
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await admin.PostAsync($"/api/campaigns/{campaignId}/open", null);
        var links = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray()
            .ToDictionary(l => l.GetProperty("employeeId").GetString()!, l => l.GetProperty("url").GetString()!.Split("/s/")[1]);
        using var anonymous = app.CreateClient();
        var answers = new { answers = new Dictionary<string, string> { ["Q1"] = "4", ["Q2"] = "4", ["Q3"] = "4" } };
        foreach (var employee in new[] { "E001", "E004", "E005", "E006", "E007" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{links[employee]}", answers)).StatusCode);
        }

        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation", Json);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/roster/people/E001/erase", null)).StatusCode);   // answered
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/roster/people/E002/erase", null)).StatusCode);   // had not answered

        clock.Advance(TimeSpan.FromDays(1));   // the next daily figure is counted afresh
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation", Json);
        Assert.Equal((17, 5), (before.GetProperty("invited").GetInt32(), before.GetProperty("responded").GetInt32()));
        Assert.Equal((17, 5), (after.GetProperty("invited").GetInt32(), after.GetProperty("responded").GetInt32()));
        Assert.NotEqual(before.GetProperty("asOf").GetString(), after.GetProperty("asOf").GetString());
        var unused = await anonymous.PostAsJsonAsync($"/api/answers/{links["E002"]}", answers);
        Assert.Equal(HttpStatusCode.NotFound, unused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/answers/{links["E003"]}", answers)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{campaignId}/close", null)).StatusCode);
        var closed = await admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/participation", Json);
        Assert.Equal((17, 6), (closed.GetProperty("invited").GetInt32(), closed.GetProperty("responded").GetInt32()));
        await using var db = app.NewDb();
        Assert.Equal(6, await db.ResponseSets.CountAsync(r => r.CampaignId == campaignId));
    }

    /// <summary>Every cell of the release (reported with n and index, or withheld), the audit, and invited counts per unit.</summary>
    private static async Task<string> ReleaseFingerprintAsync(TestApp app, Guid campaignId)
    {
        await using var db = app.NewDb();
        var data = (await new CampaignResults(db).LoadAsync(campaignId, default)).Value;
        var release = data.Release!;
        var text = new StringBuilder();
        foreach (var row in CampaignResults.Heatmap(data, data.Root, 20).Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Label}: {Describe(row.Scores)}; invited {data.Invited(row.UnitId!.Value)}\n");
        }

        foreach (var unit in data.Units)
        {
            var breakdown = CampaignResults.Breakdown(data, unit, "gender");
            if (breakdown.IsSuccess)
            {
                foreach (var row in breakdown.Value.Rows)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{unit.Name} × {row.Label}: {Describe(row.Scores)}\n");
                }
            }
        }

        text.Append(JsonSerializer.Serialize(release.Audit, Json));
        return text.ToString();
    }

    private static string Describe(Belonging.Core.Privacy.Disclosure<Belonging.Core.Surveys.GroupScores> scores) =>
        scores.Match(
            r =>
            {
                // The scores are computed over exactly the people the release counts (members of small groups are
                // counted under their recoded attribute values on both sides).
                Assert.Equal(r.N, r.Value.Respondents);
                return string.Create(CultureInfo.InvariantCulture, $"n={r.N} index={r.Value.Index.Match(i => i.Value.Value.ToString("R", CultureInfo.InvariantCulture), _ => "-")}");
            },
            _ => "withheld");

    private static async Task<string> ApiFingerprintAsync(HttpClient admin, Guid campaignId) =>
        await admin.GetStringAsync($"/api/results/{campaignId}/anonymity-audit")
        + await admin.GetStringAsync($"/api/results/{campaignId}/heatmap?depth=20")
        + await admin.GetStringAsync($"/api/campaigns/{campaignId}/participation")
        + Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/results/{campaignId}/export?format=csv"));
}
