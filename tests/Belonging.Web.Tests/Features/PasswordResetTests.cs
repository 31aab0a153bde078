using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Issue 10, "no way to reset a password": "Forgot your password?" mails a one-hour, single-use link through a real SMTP
/// conversation (the test's SMTP server), and the answer never tells whether the address has an account.
/// </summary>
public sealed partial class PasswordResetTests
{
    private static Dictionary<string, string> Mail(SmtpSink smtp) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:EnableSsl"] = "false",
        ["Smtp:From"] = "belonging@test.local",
    };

    private static async Task<List<string>> WaitForMailAsync(SmtpSink smtp, int count)
    {
        for (var i = 0; i < 100 && smtp.Messages.Count < count; i++)
        {
            await Task.Delay(100);
        }

        // Bodies travel quoted-printable: undo soft line breaks and "=3D" so links can be read.
        return [.. smtp.Messages.Select(m => m.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal)
            .Replace("=0D", "\r", StringComparison.Ordinal).Replace("=0A", "\n", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal))];
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await client.PostAsJsonAsync("/api/account/login", new { email, password });

    [Fact]
    public async Task ForgotPassword_KnownAndUnknownAddress_SameAnswerAndOnlyTheAccountGetsAWorkingLink()
    {
        await using var smtp = new SmtpSink();
        await using var app = new TestApp(DatabaseProvider.Sqlite, Mail(smtp));
        await app.InitialiseAsync();
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var unknown = await browser.PostAsJsonAsync("/api/account/password-reset", new { email = "nobody@test.local" });
        var known = await browser.PostAsJsonAsync("/api/account/password-reset", new { email = "Admin@Test.Local " });

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        var messages = await WaitForMailAsync(smtp, 1);
        await Task.Delay(500);   // the unknown address's request was queued first: it must not produce a message
        Assert.Single(smtp.Messages);
        Assert.Contains("admin@test.local", messages[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nobody@test.local", messages[0], StringComparison.OrdinalIgnoreCase);
        var token = ResetLink().Match(messages[0]).Groups[1].Value;
        Assert.Equal(43, token.Length);

        // A second request replaces the first link.
        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsJsonAsync("/api/account/password-reset", new { email = "admin@test.local" })).StatusCode);
        var second = ResetLink().Match((await WaitForMailAsync(smtp, 2))[1]).Groups[1].Value;
        Assert.NotEqual(token, second);
        Assert.Contains("does not work", await browser.GetStringAsync($"/account/set-password?token={token}"), StringComparison.Ordinal);

        var page = await browser.GetStringAsync($"/account/set-password?token={second}");
        Assert.Contains("admin@test.local", page, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "set-password",
            ["__RequestVerificationToken"] = AccountSecurityTests.FormToken(page),
            ["Input.Password"] = "copper meadow lantern seven",
            ["Input.Repeat"] = "copper meadow lantern seven",
        });
        var set = await (await browser.PostAsync($"/account/set-password?token={second}", form)).Content.ReadAsStringAsync();
        Assert.Contains("Your password is set", set, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(browser, "admin@test.local", TestApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(browser, "admin@test.local", "copper meadow lantern seven")).StatusCode);
        Assert.Contains("does not work", await browser.GetStringAsync($"/account/set-password?token={second}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_NoMailServer_SaysSoForEveryAddress()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite);
        await app.InitialiseAsync();
        using var client = app.CreateClient();

        var known = await client.PostAsJsonAsync("/api/account/password-reset", new { email = "admin@test.local" });
        var unknown = await client.PostAsJsonAsync("/api/account/password-reset", new { email = "nobody@test.local" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, known.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        Assert.Equal("account.reset_unavailable", (await known.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Contains("not set up on this server", await client.GetStringAsync("/account/forgot-password"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPasswordPage_LinkedFromSignIn_FormSendsTheLink()
    {
        await using var smtp = new SmtpSink();
        await using var app = new TestApp(DatabaseProvider.Sqlite, Mail(smtp));
        await app.InitialiseAsync();
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Contains("/account/forgot-password", await browser.GetStringAsync("/login"), StringComparison.Ordinal);

        var page = await browser.GetStringAsync("/account/forgot-password");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "forgot-password",
            ["__RequestVerificationToken"] = AccountSecurityTests.FormToken(page),
            ["Input.Email"] = "leader.a@test.local",
        });
        var answer = await (await browser.PostAsync("/account/forgot-password", form)).Content.ReadAsStringAsync();

        Assert.Contains("a link to set a new password is on its way", answer, StringComparison.Ordinal);
        var messages = await WaitForMailAsync(smtp, 1);
        Assert.Single(messages);
        Assert.Contains("leader.a@test.local", messages[0], StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("set-password\\?token=([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetLink();
}
