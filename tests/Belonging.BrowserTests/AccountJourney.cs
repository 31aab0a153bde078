using Belonging.Data;
using Belonging.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Belonging.BrowserTests;

/// <summary>
/// The first-run path of a Production instance, in a real browser: an admin created by <c>belonging admin create</c>
/// opens the one-time link, meets the password policy, sets a password, signs in, changes it, and signs out. Every page
/// is checked with axe and under the content security policy.
/// </summary>
public sealed class AccountJourney(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task FirstAdmin_SetPasswordByLinkSignInChangePasswordSignOut()
    {
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            token = (await AccountSetup.CreateAdminAsync(db, "first@browser.test", "First Admin", TimeProvider.System.GetUtcNow().UtcDateTime, default)).Value.Token;
        }

        var violations = new List<string>();
        await using var context = MeasuringLoopJourney.Watch(await app.Browser.NewContextAsync(), violations);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/account/set-password?token={token}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set your password");
        await MeasuringLoopJourney.AssertAccessibleAsync(page);

        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("first@browser.test");
        await page.GetByLabel("Repeat the new password").FillAsync("first@browser.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Do not use your e-mail address")).ToBeVisibleAsync();
        await MeasuringLoopJourney.AssertAccessibleAsync(page);

        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("lantern orchard gravel minute");
        await page.GetByLabel("Repeat the new password").FillAsync("lantern orchard gravel minute");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set");
        await MeasuringLoopJourney.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).First.ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("first@browser.test");
        await page.GetByLabel("Password").FillAsync("lantern orchard gravel minute");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Welcome");

        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Change your password");
        await MeasuringLoopJourney.AssertAccessibleAsync(page);
        await page.GetByLabel("Current password").FillAsync("lantern orchard gravel minute");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("quiet harbour copper lamp");
        await page.GetByLabel("Repeat the new password").FillAsync("quiet harbour copper lamp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password was changed");
        await MeasuringLoopJourney.AssertAccessibleAsync(page);

        // Still signed in after the change (this browser got a new session); signing out ends it.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Sign out") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        Assert.Empty(violations);
    }
}
