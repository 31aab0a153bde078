using System.Globalization;
using System.Net;
using System.Text;
using Belonging.Core.Privacy;
using Belonging.Data;
using Belonging.Data.Results;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Red-team review of 2026-12-02, attack 1, end to end on both databases: between two campaigns one person leaves Team
/// B1 and another joins it, so its count stays 8. The rosters kept at open show the two changed people, and the second
/// release withholds B1's exact answer counts (and the organisation's), which would otherwise give the joiner's answers.
/// </summary>
public sealed class RosterChurnHttpTests
{
    private static readonly object Reporting = new { attributes = Array.Empty<object>(), pairs = Array.Empty<object>() };

    private static Dictionary<string, string> Answers(int i) => new()
    {
        ["Q1"] = (1 + (i % 5)).ToString(CultureInfo.InvariantCulture),
        ["Q2"] = (1 + ((i * 3) % 5)).ToString(CultureInfo.InvariantCulture),
        ["Q3"] = "4",
    };

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task JoinerReplacesALeaver_SecondCampaign_TeamsExactCountsWithheldAndRosterKept(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var first = await TestCampaigns.ClosedAsync(app, admin, "churn-1", Reporting, (_, i) => Answers(i));
        await using (var db = app.NewDb())
        {
            Assert.True((await new CampaignResults(db).LoadAsync(first, default)).IsSuccess);
        }

        // E017 (Team B1) leaves; E018 joins Team B1. Every count stays the same.
        const string units = "unit_id,name,parent_unit_id\nROOT,Acme,\nA,Division A,ROOT\nA1,Team A1,A\nA2,Team A2,A\nB,Division B,ROOT\nB1,Team B1,B\n";
        var people = new StringBuilder("employee_id,name,email,manager_id,org_unit_id,start_date,gender,location\n");
        for (var n = 1; n <= 18; n++)
        {
            if (n == 17)
            {
                continue;
            }

            var unit = n <= 6 ? "A1" : n <= 9 ? "A2" : "B1";
            people.Append(CultureInfo.InvariantCulture, $"E{n:D3},Person {n},person{n}@test.local,,{unit},2020-01-01,{(n % 2 == 0 ? "Woman" : "Man")},Office\n");
        }

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(people.ToString())), "people", "people.csv" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(units)), "units", "units.csv" },
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/roster/import", form)).StatusCode);
        var second = await TestCampaigns.ClosedAsync(app, admin, "churn-2", Reporting, (_, i) => Answers(i));

        await using (var db = app.NewDb())
        {
            var one = (await new CampaignResults(db).LoadAsync(first, default)).Value;
            var two = (await new CampaignResults(db).LoadAsync(second, default)).Value;
            var b1 = CellKey.Total(app.Org.B1.ToString());
            var root = CellKey.Total(app.Org.Root.ToString());
            Assert.Equal(8, N(one.Release!, b1));
            Assert.Equal(8, N(two.Release!, b1));
            Assert.True(one.Release!.FigureReleased(b1, "item:Q1"));
            Assert.False(two.Release!.FigureReleased(b1, "item:Q1"));
            Assert.False(two.Release.FigureReleased(root, "item:Q1"));
            Assert.Equal(25.0, two.Release.PrecisionOf(b1));   // two changed people in a team of 8

            // The roster of each campaign is kept after close, with no participation mark.
            Assert.Equal(17, await db.RosterEntries.CountAsync(r => r.CampaignId == first));
            Assert.Equal(17, await db.RosterEntries.CountAsync(r => r.CampaignId == second));
        }

        // Erasure keeps the rows but stops them naming the person: one random id, the same in both campaigns.
        Guid personId;
        await using (var db = app.NewDb())
        {
            personId = (await db.People.SingleAsync(p => p.EmployeeId == "E005")).Id;
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/roster/people/E005/erase", null)).StatusCode);
        await using (var db = app.NewDb())
        {
            Assert.False(await db.RosterEntries.AnyAsync(r => r.PersonId == personId));
            var aliases = await db.RosterEntries.Where(r => r.CampaignId == first || r.CampaignId == second)
                .GroupBy(r => r.PersonId).Where(g => g.Count() == 2).Select(g => g.Key).ToListAsync();
            Assert.Equal(16, aliases.Count);   // 16 people in both campaigns, the erased one among them under an alias
            Assert.Equal(34, await db.RosterEntries.CountAsync());
        }
    }

    private static int? N(CampaignRelease release, CellKey key) => release.Disclose(key, () => 0).Match<int?>(r => r.N, _ => null);
}
