using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Belonging.Data;
using Belonging.Data.Accounts;
using Belonging.Web.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Belonging.Web.Tests.Features;

/// <summary>Issue 10: first account, password setting and changing, lockout and throttling, server-side sessions.</summary>
public sealed partial class AccountSecurityTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string? peer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/login") { Content = JsonContent.Create(new { email, password }) };
        if (peer is not null)
        {
            request.Headers.Add(TestApp.PeerHeader, peer);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.Name + "=" + p.Value.GetRawText()));
    }

    private static HttpClient Browser(TestApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Login_TenWrongPasswords_EleventhRefusedEvenWithTheRightOneUntilLockoutEnds(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await using var app = new TestApp(provider, clock: clock);
        await app.InitialiseAsync();
        using var client = Browser(app);
        for (var i = 0; i < 10; i++)
        {
            var expected = i < 9 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests;
            Assert.Equal(expected, (await LoginAsync(client, TestOrganisation.Admin, "wrong password " + i)).StatusCode);
        }

        var locked = await LoginAsync(client, TestOrganisation.Admin, TestApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("account.locked_out", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/account/me")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, TestOrganisation.Admin, TestApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Login_UnknownEmailAndWrongPassword_SameStatusSameMessageAndBothLockAlike()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "1000" });
        await app.InitialiseAsync();
        using var client = Browser(app);
        var unknown = await LoginAsync(client, "nobody@test.local", "some password here");
        var wrong = await LoginAsync(client, TestOrganisation.Admin, "some password here");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await WithoutTraceAsync(unknown), await WithoutTraceAsync(wrong));
        for (var i = 1; i < 10; i++)
        {
            await LoginAsync(client, "nobody@test.local", "some password here");
            await LoginAsync(client, TestOrganisation.Admin, "some password here");
        }

        var unknownLocked = await LoginAsync(client, "nobody@test.local", "some password here");
        var knownLocked = await LoginAsync(client, TestOrganisation.Admin, TestApp.Password);
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (unknownLocked.StatusCode, knownLocked.StatusCode));
        Assert.Equal(await WithoutTraceAsync(unknownLocked), await WithoutTraceAsync(knownLocked));
    }

    [Fact]
    public async Task Login_UnknownEmail_CostsAPasswordHashLikeAKnownOne()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "1000" });
        await app.InitialiseAsync();
        using var client = Browser(app);
        await LoginAsync(client, "warm@test.local", "warm up the hasher");
        await LoginAsync(client, TestOrganisation.Employee, "warm up the hasher");

        // Medians of alternating tries (different addresses, so no lockout): PBKDF2 with 100,000 iterations dominates
        // both; before the dummy hash an unknown e-mail answered about 20 times faster.
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var t = System.Diagnostics.Stopwatch.StartNew();
            await LoginAsync(client, $"nobody{i}@test.local", "wrong password 123", $"10.1.0.{i + 1}");
            unknown.Add(t.Elapsed.TotalMilliseconds);
            t.Restart();
            await LoginAsync(client, TestOrganisation.LeaderA, "wrong password 123", $"10.2.0.{i + 1}");
            known.Add(t.Elapsed.TotalMilliseconds);
        }

        var (u, k) = (unknown.Order().ElementAt(3), known.Order().ElementAt(3));
        Assert.True(u > k / 3, $"unknown e-mail median {u:F1} ms vs known {k:F1} ms: the unknown path skips the hash");
    }

    [Fact]
    public async Task Login_FiftyWrongPasswordsFromOneAddress_ThatAddressRefusedForAnyAccountOthersNot()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "1000" });
        await app.InitialiseAsync();
        using var client = Browser(app);
        for (var i = 0; i < 50; i++)
        {
            await LoginAsync(client, $"spray{i}@test.local", "password spraying", "198.51.100.7");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(client, TestOrganisation.Employee, TestApp.Password, "198.51.100.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, TestOrganisation.Employee, TestApp.Password, "198.51.100.8")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Logout_CookieSavedBefore_IsRefusedAfter(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        var (client, jar) = await SignedInAsync(app, TestOrganisation.Admin);
        using var _ = client;
        var cookie = CookieHeader(jar);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(app, cookie)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/account/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(app, cookie)).StatusCode);
    }

    [Fact]
    public async Task LogoutForm_WithToken_EndsTheSessionOnTheServer()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        var (client, jar) = await SignedInAsync(app, TestOrganisation.Admin);
        using var _ = client;
        var cookie = CookieHeader(jar);
        var html = await client.GetStringAsync("/");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FormToken(html) });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/logout", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(app, cookie)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_OldCookiesRefusedNewPasswordWorksOldDoesNot(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var other = await app.ClientAsAsync(TestOrganisation.LeaderA);
        var (client, jar) = await SignedInAsync(app, TestOrganisation.LeaderA);
        using var _ = client;
        var before = CookieHeader(jar);
        const string replacement = "a new and rather long pass phrase";

        var weak = await client.PutAsJsonAsync("/api/account/password", new { currentPassword = TestApp.Password, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 12 characters", (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("newPassword")[0].GetString(), StringComparison.Ordinal);
        var wrongCurrent = await client.PutAsJsonAsync("/api/account/password", new { currentPassword = "not it at all", newPassword = replacement });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/account/password", new { currentPassword = TestApp.Password, newPassword = replacement })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(app, before)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        using var fresh = Browser(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(fresh, TestOrganisation.LeaderA, TestApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(fresh, TestOrganisation.LeaderA, replacement)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SetPasswordLink_FirstAdmin_SetsOnceThenSignsInAndTheLinkIsSpent(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await using var app = new TestApp(provider, clock: clock);
        await app.InitialiseAsync();
        string token;
        await using (var db = app.NewDb())
        {
            token = (await AccountSetup.CreateAdminAsync(db, "First.Admin@Example.org", "First Admin", clock.GetUtcNow().UtcDateTime, default)).Value.Token;
            Assert.Equal(32, (await db.PasswordSetupTokens.SingleAsync()).TokenHash.Length);
            Assert.Equal(PasswordSetupToken.Hash(token), (await db.PasswordSetupTokens.SingleAsync()).TokenHash);
        }

        using var browser = Browser(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(browser, "first.admin@example.org", "any password at all")).StatusCode);
        var page = await browser.GetStringAsync($"/account/set-password?token={token}");
        Assert.Contains("first.admin@example.org", page, StringComparison.Ordinal);

        var weak = await PostSetPasswordAsync(browser, token, page, "first.admin@example.org");
        Assert.Contains("Do not use your e-mail address", weak, StringComparison.Ordinal);
        var common = await PostSetPasswordAsync(browser, token, page, "password1234");
        Assert.Contains("one of the most common", common, StringComparison.Ordinal);
        var set = await PostSetPasswordAsync(browser, token, page, "lantern orchard gravel minute");
        Assert.Contains("Your password is set", set, StringComparison.Ordinal);

        Assert.Contains("does not work", await browser.GetStringAsync($"/account/set-password?token={token}"), StringComparison.Ordinal);
        var again = await PostSetPasswordAsync(browser, token, page, "another long pass phrase");
        Assert.DoesNotContain("Your password is set", again, StringComparison.Ordinal);
        var signedIn = await LoginAsync(browser, "first.admin@example.org", "lantern orchard gravel minute");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("Admin", (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task SetPasswordLink_After24Hours_DoesNotWork()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await using var app = new TestApp(DatabaseProvider.Sqlite, clock: clock);
        await app.InitialiseAsync();
        string token;
        await using (var db = app.NewDb())
        {
            token = (await AccountSetup.CreateAdminAsync(db, "late@example.org", null, clock.GetUtcNow().UtcDateTime, default)).Value.Token;
        }

        using var browser = Browser(app);
        var page = await browser.GetStringAsync($"/account/set-password?token={token}");
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("Your password is set", await PostSetPasswordAsync(browser, token, page, "lantern orchard gravel minute"), StringComparison.Ordinal);
        Assert.Contains("does not work", await browser.GetStringAsync($"/account/set-password?token={token}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(browser, "late@example.org", "lantern orchard gravel minute")).StatusCode);
    }

    [Fact]
    public async Task AccountWithoutPassword_CannotSignInWithAnyPassword()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        await using (var db = app.NewDb())
        {
            Assert.True((await AccountSetup.CreateAdminAsync(db, "nopass@example.org", null, DateTime.UnixEpoch, default)).IsSuccess);
        }

        using var browser = Browser(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(browser, "nopass@example.org", "x")).StatusCode);
    }

    private static async Task<string> PostSetPasswordAsync(HttpClient browser, string token, string page, string password)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "set-password",
            ["__RequestVerificationToken"] = FormToken(page),
            ["Input.Password"] = password,
            ["Input.Repeat"] = password,
        });
        var response = await browser.PostAsync($"/account/set-password?token={token}", form);
        return await response.Content.ReadAsStringAsync();
    }

    internal static string FormToken(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    /// <summary>A signed-in API client whose cookie jar the test can read (to replay a saved cookie later).</summary>
    internal static async Task<(HttpClient Client, CookieContainer Jar)> SignedInAsync(TestApp app, string email)
    {
        var jar = new CookieContainer();
        var client = app.CreateDefaultClient(new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email, TestApp.Password)).StatusCode);
        await TestApp.AddAntiforgeryHeaderAsync(client);
        return (client, jar);
    }

    private static string CookieHeader(CookieContainer jar) => jar.GetCookieHeader(new Uri("http://localhost"));

    private static async Task<HttpResponseMessage> WithCookieAsync(TestApp app, string cookie)
    {
        using var bare = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/me");
        request.Headers.Add("Cookie", cookie);
        return await bare.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
