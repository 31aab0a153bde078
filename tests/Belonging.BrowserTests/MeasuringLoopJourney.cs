using System.Net.Http.Json;
using Belonging.Data;
using Belonging.Data.Organisation;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target) + " :: " + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))))})")));
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welcome");
    }

    private async Task<(Guid A, Guid A2)> SeedOrganisationAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var root = new OrgUnit("ROOT", "Acme", null);
        var a = new OrgUnit("A", "Division A", root.Id);
        var a1 = new OrgUnit("A1", "Team A1", a.Id);
        var a2 = new OrgUnit("A2", "Team A2", a.Id);
        var b = new OrgUnit("B", "Division B", root.Id);
        var b1 = new OrgUnit("B1", "Team B1", b.Id);
        db.OrgUnits.AddRange(root, a, a1, a2, b, b1);
        db.ReportingAttributeDefinitions.Add(new ReportingAttributeDefinition("gender", false));
        await db.SaveChangesAsync();
        var n = 0;
        foreach (var (unit, count) in new[] { (a1, 6), (a2, 3), (b1, 8) })
        {
            for (var i = 0; i < count; i++)
            {
                n++;
                var p = new Person($"E{n:D3}", $"Person {n}", $"person{n}@browser.test", unit.Id, new DateOnly(2020, 1, 1));
                p.SetAttributes(new Dictionary<string, string>(StringComparer.Ordinal) { ["gender"] = n % 2 == 0 ? "Woman" : "Man" });
                db.People.Add(p);
            }
        }

        await db.SaveChangesAsync();
        return (a.Id, a2.Id);
    }

    [Fact]
    public async Task Journey_OpenAnswerByKeyboardCloseAndLeaderSeesSuppressedTeam()
    {
        var (divisionA, _) = await SeedOrganisationAsync();
        await app.AddLeaderAsync(divisionA);

        // 1. The admin creates and opens a campaign, downloading the links.
        await using var adminContext = await app.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var admin = await adminContext.NewPageAsync();
        await SignInAsync(admin, BrowserApp.Admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Spring belonging survey");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create draft campaign" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the draft campaign");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Spring belonging survey" }).ClickAsync();
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

        // 3. One employee answers every question with the keyboard only.
        await using var employeeContext = await app.Browser.NewContextAsync();
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
        await survey.Keyboard.TypeAsync("More time to meet other teams, please.");
        await survey.Keyboard.PressAsync("Tab");
        Assert.Equal("Submit my answers", await survey.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await survey.Keyboard.PressAsync("Enter");
        await Assertions.Expect(survey.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you — your answers are recorded");
        await survey.GotoAsync(links[0]);
        await Assertions.Expect(survey.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you — your answers are recorded");

        // 4. The admin closes the campaign.
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByText("17 of 17")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close the campaign" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("17 answer sets");

        // 5. The leader of Division A sees their results; the 3-person team is hidden, with no number.
        await using var leaderContext = await app.Browser.NewContextAsync();
        var leader = await leaderContext.NewPageAsync();
        await SignInAsync(leader, BrowserApp.Leader);
        await leader.GetByRole(AriaRole.Link, new() { Name = "Results" }).First.ClickAsync();
        await leader.GetByRole(AriaRole.Link, new() { Name = "Spring belonging survey" }).ClickAsync();
        await Assertions.Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Spring belonging survey: Division A");
        await AssertAccessibleAsync(leader);
        await leader.GetByRole(AriaRole.Link, new() { Name = "Heatmap by team" }).ClickAsync();
        var hiddenRow = leader.GetByRole(AriaRole.Row).Filter(new() { HasText = "Team A2" });
        await Assertions.Expect(hiddenRow).ToContainTextAsync("Hidden: too few answers to protect anonymity");
        Assert.DoesNotMatch("\\b3\\b", await hiddenRow.InnerTextAsync());
        await Assertions.Expect(leader.GetByRole(AriaRole.Row).Filter(new() { HasText = "Team A1" })).Not.ToContainTextAsync("Hidden");
        await AssertAccessibleAsync(leader);
        await Assertions.Expect(leader.GetByRole(AriaRole.Row).Filter(new() { HasText = "Division B" })).ToHaveCountAsync(0);
    }
}
