using System.Net.Http.Json;
using System.Text;
using Belonging.Data;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Belonging.BrowserTests;

/// <summary>
/// The measuring loop as people do it, in a real browser: the admin sets up and opens a campaign, an employee answers
/// with the keyboard only, the admin closes it, and a leader sees results in which a 3-person team is hidden.
/// Elements are found by role and label, so the journey doubles as an accessibility check; axe-core checks WCAG 2.x A/AA.
/// </summary>
public sealed class MeasuringLoopJourney(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    internal static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target) + " :: " + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))))})")));
    }

    private readonly List<string> policyViolations = [];

    /// <summary>Collects the browser's content-security-policy refusals (an inline style or script the CSP blocks) of every page of a context.</summary>
    internal static T Watch<T>(T context, List<string> violations)
        where T : IBrowserContext
    {
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
        return context;
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welcome");
    }

    private const string UnitsCsv = "unit_id,name,parent_unit_id\nROOT,Acme,\nA,Division A,ROOT\nA1,Team A1,A\nA2,Team A2,A\nB,Division B,ROOT\nB1,Team B1,B\n";

    /// <summary>17 people: Team A1 has 6, Team A2 has 3 (below k = 5), Team B1 has 8.</summary>
    private static string PeopleCsv()
    {
        var lines = new List<string> { "employee_id,name,email,manager_id,org_unit_id,start_date,gender" };
        var n = 0;
        foreach (var (unit, count) in new[] { ("A1", 6), ("A2", 3), ("B1", 8) })
        {
            for (var i = 0; i < count; i++)
            {
                n++;
                lines.Add($"E{n:D3},Person {n},person{n}@browser.test,{(n == 1 ? "" : "E001")},{unit},2020-01-01,{(n % 2 == 0 ? "Woman" : "Man")}");
            }
        }

        return string.Join('\n', lines) + "\n";
    }

    private async Task<Guid> UnitIdAsync(string externalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OrgUnits.Where(u => u.ExternalId == externalId).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task Journey_OpenAnswerByKeyboardCloseAndLeaderSeesSuppressedTeam()
    {
        // 1. The admin imports the roster (a broken file first), then creates and opens a campaign, downloading the links
        //    (no mail server here, so this is the one export, recorded in the distribution log).
        await using var adminContext = Watch(await app.Browser.NewContextAsync(new() { AcceptDownloads = true }), policyViolations);
        var admin = await adminContext.NewPageAsync();
        await SignInAsync(admin, BrowserApp.Admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Roster", Exact = true }).ClickAsync();
        await admin.GetByLabel("People (CSV or XLSX)").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(PeopleCsv() + "E999,Broken,broken,E001,ZZ,31/12/2020,Man\n") });
        await admin.GetByLabel("Org units (optional: CSV or XLSX)").SetInputFilesAsync(new FilePayload { Name = "units.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(UnitsCsv) });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check and import" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was imported");
        var problems = admin.GetByRole(AriaRole.Table, new() { Name = "Problems to fix in the file (3)" });
        await Assertions.Expect(problems.GetByRole(AriaRole.Row).Filter(new() { HasText = "start_date" })).ToContainTextAsync("YYYY-MM-DD");
        await AssertAccessibleAsync(admin);
        await admin.GetByLabel("People (CSV or XLSX)").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(PeopleCsv()) });
        await admin.GetByLabel("Org units (optional: CSV or XLSX)").SetInputFilesAsync(new FilePayload { Name = "units.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(UnitsCsv) });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check and import" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("17 people added");
        await app.AddLeaderAsync(await UnitIdAsync("A"));

        await admin.GetByRole(AriaRole.Link, new() { Name = "Campaigns", Exact = true }).ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Spring belonging survey");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create draft campaign" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the draft campaign");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Spring belonging survey" }).ClickAsync();

        // Before launch, the admin previews what the results will show at each level, from today's audience.
        await admin.GetByRole(AriaRole.Link, new() { Name = "See what the results will show" }).ClickAsync();
        var preview = admin.GetByRole(AriaRole.Table, new() { Name = "Groups shown per level of the organisation and breakdown" });
        await Assertions.Expect(preview.GetByRole(AriaRole.Row).Filter(new() { HasText = "Organisation" }).First).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("17 people invited", new() { Exact = false })).ToBeVisibleAsync();
        await AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to the campaign" }).ClickAsync();
        var download = await admin.RunAndWaitForDownloadAsync(() =>
            admin.GetByRole(AriaRole.Button, new() { Name = "Open the campaign and download the links" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal("employee_id,name,email,link", csv[0].TrimStart('\uFEFF'));
        var links = csv.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[^1]).ToList();
        Assert.Equal(17, links.Count);

        // 2. Sixteen colleagues answer (through the same endpoint the form uses).
        using (var http = new HttpClient())
        {
            foreach (var link in links.Skip(1))
            {
                var token = link.Split("/s/")[1];
                var r = await http.PostAsJsonAsync($"{app.BaseUrl}/api/answers/{token}", new { answers = new Dictionary<string, string> { ["LV1"] = "4", ["MC1"] = "5", ["OS1"] = "4", ["OR1"] = "8" } });
                r.EnsureSuccessStatusCode();
            }
        }

        // 3. One employee answers every question with the keyboard only — first checking the page reflows at 320 px
        //    and at 200 % zoom (a 640 px window at device scale 2 is how a browser zooms), with no sideways scrolling.
        foreach (var (width, scale) in new[] { (320, 1f), (640, 2f) })
        {
            await using var narrow = Watch(await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 800 }, DeviceScaleFactor = scale }), policyViolations);
            var small = await narrow.NewPageAsync();
            await small.GotoAsync(links[0]);
            Assert.True(await small.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"horizontal scrolling at {width}px");
        }

        await using var employeeContext = Watch(await app.Browser.NewContextAsync(), policyViolations);
        var survey = await employeeContext.NewPageAsync();
        await survey.GotoAsync(links[0]);
        await Assertions.Expect(survey.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Spring belonging survey");
        await AssertAccessibleAsync(survey);
        var groups = await survey.Locator("fieldset").CountAsync();
        Assert.True(groups >= 25, $"expected the whole instrument, found {groups} questions");
        for (var presses = 0; presses < 30 && await survey.EvaluateAsync<string>("document.activeElement?.type ?? ''") != "radio"; presses++)
        {
            await survey.Keyboard.PressAsync("Tab");
        }

        for (var g = 0; g < groups; g++)
        {
            Assert.Equal("radio", await survey.EvaluateAsync<string>("document.activeElement.type"));
            await survey.Keyboard.PressAsync("Space");           // selects the first option
            var isZeroToTen = await survey.EvaluateAsync<bool>("document.activeElement.closest('fieldset').querySelectorAll('input').length === 11");
            for (var i = 0; i < (isZeroToTen ? 9 : 3); i++)
            {
                await survey.Keyboard.PressAsync("ArrowRight");  // moves and selects: "Agree" / 9
            }

            await survey.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("textarea", await survey.EvaluateAsync<string>("document.activeElement.tagName.toLowerCase()"));
        await survey.Keyboard.TypeAsync("I am the only one here");
        await Assertions.Expect(survey.GetByText("consider rephrasing")).ToBeVisibleAsync();
        await survey.Keyboard.PressAsync("Control+A");
        await survey.Keyboard.TypeAsync("More time to meet other teams, please.");
        await Assertions.Expect(survey.GetByText("consider rephrasing")).ToHaveCountAsync(0);
        await survey.Keyboard.PressAsync("Tab");
        Assert.Equal("Submit my answers", await survey.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await survey.Keyboard.PressAsync("Enter");
        await Assertions.Expect(survey.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you — your answers are recorded");
        // A used link looks exactly like an unused one (so nobody holding it can tell whether its owner answered);
        // the page says a second submission records nothing.
        await survey.GotoAsync(links[0]);
        await Assertions.Expect(survey.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Spring belonging survey");
        await Assertions.Expect(survey.GetByText("records nothing more")).ToBeVisibleAsync();

        // 4. The admin closes the campaign.
        // Its first look at the open campaign today: the daily figure is taken now, so it counts every answer so far.
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByText("17 of 17")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Link distribution log" })).ToContainTextAsync("17 links exported to the admin at open, once");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close the campaign" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("17 answer sets");

        // 5. The leader of Division A sees their results; the 3-person team is hidden, with no number.
        await using var leaderContext = Watch(await app.Browser.NewContextAsync(), policyViolations);
        var leader = await leaderContext.NewPageAsync();
        await SignInAsync(leader, BrowserApp.Leader);
        await leader.GetByRole(AriaRole.Link, new() { Name = "Results" }).First.ClickAsync();
        await leader.GetByRole(AriaRole.Link, new() { Name = "Spring belonging survey" }).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Spring belonging survey: Division A");
        await AssertAccessibleAsync(leader);
        await leader.GetByRole(AriaRole.Link, new() { Name = "Heatmap by team" }).ClickAsync();
        var hiddenRow = leader.GetByRole(AriaRole.Row).Filter(new() { HasText = "Team A2" });
        await Assertions.Expect(hiddenRow).ToContainTextAsync("Hidden to protect anonymity");
        Assert.DoesNotMatch("\\b3\\b", await hiddenRow.InnerTextAsync());
        // Division A (9 people) is reported; Team A1 (6) is hidden as well, or Division A minus Team A1 would give Team A2's 3.
        var division = leader.GetByRole(AriaRole.Row).Filter(new() { HasText = "Division A" });
        await Assertions.Expect(division.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("9");
        await Assertions.Expect(leader.GetByRole(AriaRole.Row).Filter(new() { HasText = "Team A1" })).ToContainTextAsync("Hidden to protect anonymity");
        await AssertAccessibleAsync(leader);
        await Assertions.Expect(leader.GetByRole(AriaRole.Row).Filter(new() { HasText = "Division B" })).ToHaveCountAsync(0);

        // 6. The anonymity audit a works council reads: passed, with the attacker's bounds; accessible too.
        await leader.GetByRole(AriaRole.Link, new() { Name = "Anonymity audit" }).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Status)).ToContainTextAsync("Passed");
        await AssertAccessibleAsync(leader);

        // 7. Analytics pages: the gap table and the drivers page (too few people for drivers, said plainly); accessible.
        await leader.GoBackAsync();
        await leader.GetByRole(AriaRole.Link, new() { Name = "Breakdown and gaps" }).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Heading, new() { Name = "Gaps to everyone else in Division A" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(leader);
        await leader.GetByRole(AriaRole.Link, new() { Name = "Adjusted p" }).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Columnheader, new() { Name = "Adjusted p" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await leader.GetByRole(AriaRole.Link, new() { Name = "Drivers" }).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Status)).ToContainTextAsync("at least 30");
        await AssertAccessibleAsync(leader);
        await leader.GetByRole(AriaRole.Link, new() { Name = "Metrics" }).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Heading, new() { Name = "Belonging index (0–100)" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(leader);

        // 8. Policy audit: the admin uploads a handbook page, opens it, and accepts a rewrite with the keyboard.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Policy audit" }).ClickAsync();
        await admin.GetByLabel("Policy files").SetInputFilesAsync(new FilePayload { Name = "leave.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Leave\n\nThe chairman approves maternity leave.\n") });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Upload and audit" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Uploaded and audited 1 policy");
        await AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "leave", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("mark.finding").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(admin);
        var replace = admin.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replace with .*chair") }).First;
        await replace.FocusAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("version 2");
        await AssertAccessibleAsync(admin);

        // 9. An erasure request: without the confirmation box nothing happens; with it, the person is gone.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Roster", Exact = true }).ClickAsync();
        await admin.GetByLabel("Employee id").FillAsync("E005");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick the box");
        await admin.GetByLabel("Employee id").FillAsync("E005");
        await admin.GetByLabel("I understand that this permanently erases").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }).FocusAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("personal data was erased");
        await Assertions.Expect(admin.GetByText("Erasure requests carried out: 1")).ToBeVisibleAsync();
        await AssertAccessibleAsync(admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.People.AnyAsync(p => p.EmployeeId == "E005"));
        }

        // Every page of the journey ran under the content security policy without unsafe-inline, and nothing was refused.
        Assert.Empty(policyViolations);
    }
}
