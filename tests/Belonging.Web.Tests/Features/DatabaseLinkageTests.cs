using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Red team, leak 6 (comments): someone holding the database and the roster after close joins each stored comment's unit
/// with the roster. No comment may point to a unit of fewer than k people, nor of fewer than k_c authors on its question.
/// </summary>
public sealed class DatabaseLinkageTests
{
    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task Comments_AfterClose_NoneLinkableToFewerThanKPeople(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);

        // Team A2 (3 people) all comment, one person in Team A1, six of Team B1's eight.
        var commenters = new HashSet<string>(StringComparer.Ordinal) { "E001", "E007", "E008", "E009", "E010", "E011", "E012", "E013", "E014", "E015" };
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "linkage", new { attributes = Array.Empty<object>(), pairs = Array.Empty<object>() }, (link, _) =>
        {
            var answers = new Dictionary<string, string> { ["Q1"] = "4", ["Q2"] = "4", ["Q3"] = "3" };
            if (commenters.Contains(link.GetProperty("employeeId").GetString()!))
            {
                answers["C1"] = "The rota changes too late in the week.";
            }

            return answers;
        });

        await using var db = app.NewDb();
        var parent = await db.CampaignUnits.Where(u => u.CampaignId == campaignId).ToDictionaryAsync(u => u.UnitId, u => u.ParentUnitId);
        var invitedLeaves = await db.Invitations.Where(i => i.CampaignId == campaignId).Select(i => i.LeafUnitId).ToListAsync();
        bool Within(Guid leaf, Guid unit)
        {
            for (Guid? u = leaf; u is { } id; u = parent.GetValueOrDefault(id))
            {
                if (id == unit)
                {
                    return true;
                }
            }

            return false;
        }

        var units = await db.Comments.Where(c => c.CampaignId == campaignId).Select(c => c.LeafUnitId).ToListAsync();
        Assert.Equal(10, units.Count);
        var linkable = units.Select(u => invitedLeaves.Count(l => Within(l, u))).ToList();
        Assert.All(linkable, people => Assert.True(people >= 5, $"a comment points to a unit of {people} people"));
        var authorsThere = units.Select(u => units.Count(other => Within(other, u))).ToList();
        Assert.All(authorsThere, authors => Assert.True(authors >= 5, $"a comment's unit holds {authors} comment authors"));
        Assert.Contains(app.Org.B1, units);
        Assert.DoesNotContain(app.Org.A2, units);
    }
}
