using System.Net;
using System.Text.Json;
using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Results;
using Belonging.Web.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Red team, leak 6: someone holding the database and the roster after close joins every stored row that names a unit
/// or an attribute value with the roster. No comment may point to a unit of fewer than k people, nor of fewer than k_c
/// authors on its question; no answer set may match fewer than k people (after the first load none is left, ADR 9); no
/// stored statistic may describe a group of fewer than k people, by its roster or by any n it holds.
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

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task AnswerSets_AfterFirstLoad_NoneAndNoStatisticLinkableToFewerThanKPeople(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);

        // Both attributes designated at the divisions: on leaf unit, gender and location every answer set of the
        // 17 people matches 1 to 4 people of the roster. Some skip questions, so figures have their own n.
        var design = new { attributes = new[] { new { name = "gender", maxDepth = 1 }, new { name = "location", maxDepth = 1 } }, pairs = Array.Empty<object>() };
        var campaignId = await TestCampaigns.ClosedAsync(app, admin, "linkage-sets", design, (link, i) => i % 4 == 3
            ? new Dictionary<string, string> { ["Q1"] = "5", ["Q3"] = "2" }
            : new Dictionary<string, string> { ["Q1"] = "4", ["Q2"] = (1 + (i % 5)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Q3"] = "3", ["Q4"] = "9" });
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/results/{campaignId}")).StatusCode);

        await using var db = app.NewDb();
        var parent = await db.CampaignUnits.Where(u => u.CampaignId == campaignId).ToDictionaryAsync(u => u.UnitId, u => u.ParentUnitId);
        var roster = (await db.People.Include(p => p.Attributes).ToListAsync())
            .Select(p => (Unit: p.OrgUnitId, Attributes: p.Attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal)))
            .ToList();
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

        string ValueOf(Dictionary<string, string> attributes, string name) => attributes.TryGetValue(name, out var v) ? v : AttributeDesignation.NotDisclosed;

        // Answer sets: leaf unit and attributes, joined exactly with the roster.
        var sets = await db.ResponseSets.Where(r => r.CampaignId == campaignId).Select(r => new { r.LeafUnitId, r.Demographics }).ToListAsync();
        var linkableSets = sets.Count(s =>
        {
            var attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(s.Demographics)!;
            return roster.Count(p => p.Unit == s.LeafUnitId && attributes.All(a => ValueOf(p.Attributes, a.Key) == a.Value)) < 5;
        });
        Assert.True(linkableSets == 0, $"{linkableSets} of {sets.Count} stored answer sets match fewer than 5 people of the roster");

        // Statistics: each row's cell joined with the roster, and every n it holds.
        var items = await db.InstrumentItems.Where(i => db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.InstrumentVersionId).Contains(i.VersionId)).ToListAsync();
        var scored = items.Select(i => new ScoredItem(i.Position, i.Scale, i.Component, i.Outcome, i.ReverseKeyed)).ToList();
        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var stored = await db.ReleasedCells.Where(c => c.CampaignId == campaignId).ToListAsync();
        Assert.NotEmpty(stored);
        foreach (var row in stored)
        {
            var cell = JsonSerializer.Deserialize<CellKey>(row.Cell);
            var people = roster.Count(p => Within(p.Unit, Guid.Parse(cell.Unit, System.Globalization.CultureInfo.InvariantCulture))
                && (cell.First is not { } f || ValueOf(p.Attributes, f.Attribute) == f.Value)
                && (cell.Second is not { } s || ValueOf(p.Attributes, s.Attribute) == s.Value));
            Assert.True(people >= 5, $"stored statistics of {cell} describe a group of {people} people");
            Assert.True(row.Respondents >= 5, $"stored statistics of {cell} hold n = {row.Respondents}");
            var statistics = JsonSerializer.Deserialize<CellStatistics>(row.Statistics, options)!;
            Assert.Equal(row.Respondents, statistics.Scores.Respondents);
            Assert.All(statistics.Scores.FigureCounts(scored), f => Assert.True(f.Value >= 5, $"{cell}: figure {f.Key} stored with n = {f.Value}"));
            Assert.True(statistics.Scores.IntentToStay is null || statistics.Scores.IntentToStay[1] >= 5, $"{cell}: intent to stay stored with a small n");
            if (statistics.Drivers is { } d)
            {
                Assert.True(d.N >= 5);
            }

            Assert.All(statistics.Reliability ?? [], r => Assert.True(r is null || r.Respondents >= 5));
        }

        // Withheld cells (Team A2 has 3 people) leave no row at all, not even their count.
        Assert.DoesNotContain(stored, r => JsonSerializer.Deserialize<CellKey>(r.Cell).Unit == app.Org.A2.ToString());
        // Q2 skipped by some: a figure withheld in a reported cell is not stored either.
        var release = (await new CampaignResults(db).LoadAsync(campaignId, default)).Value.Release!;
        var figure = "item:Q2";
        foreach (var row in stored)
        {
            var cell = JsonSerializer.Deserialize<CellKey>(row.Cell);
            var statistics = JsonSerializer.Deserialize<CellStatistics>(row.Statistics, options)!;
            var position = items.Single(i => i.Code == "Q2").Position;
            Assert.Equal(release.FigureReleased(cell, figure), statistics.Scores.Items.ContainsKey(position));
        }
    }
}
