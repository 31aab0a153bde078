using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Belonging.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Belonging.Web.Tests.Platform;

/// <summary>Issue 10, transport and headers: the app started in the Production environment, as a deployment runs it.</summary>
public sealed class ProductionHostTests
{
    private const string PublicBase = "https://belonging.example.org";

    private static TestApp Production(Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Belonging:PublicBaseUrl"] = PublicBase,
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return new TestApp(DatabaseProvider.Sqlite, settings, environment: "Production");
    }

    private static HttpClient Client(TestApp app, string baseUrl = PublicBase) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseUrl), AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Production_EveryPage_SecurityHeadersAndHstsAndCspWithoutUnsafeInline()
    {
        await using var app = Production();
        await app.InitialiseAsync();
        using var client = Client(app);
        var login = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", login.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.StartsWith("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_SignIn_CookiesAreHostPrefixedSecureHttpOnlyStrict()
    {
        await using var app = Production();
        await app.InitialiseAsync();
        using var client = Client(app);
        var login = await client.PostAsJsonAsync("/api/account/login", new { email = TestOrganisation.Admin, password = TestApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var auth = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-belonging.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", auth, StringComparison.Ordinal);
        Assert.Contains("; httponly", auth, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", auth, StringComparison.Ordinal);
        Assert.Contains("; path=/", auth, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", auth, StringComparison.Ordinal);

        var token = await client.GetAsync("/api/account/antiforgery");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var csrf = token.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-belonging.csrf=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", csrf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_BehindKnownTlsProxy_SchemeIsHttps_FromUnknownPeer_ForwardedHeadersIgnored()
    {
        await using var app = Production();
        await app.InitialiseAsync();
        using var client = Client(app, "http://belonging.example.org");
        async Task<HttpResponseMessage> ViaAsync(string peer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
            request.Headers.Add(TestApp.PeerHeader, peer);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.50");
            return await client.SendAsync(request);
        }

        var proxied = await ViaAsync("10.0.0.5");
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(proxied.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-belonging.csrf=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        // A forged X-Forwarded-Proto from anyone else is ignored: the request stays http and is sent to https.
        var direct = await ViaAsync("192.0.2.77");
        Assert.Equal(HttpStatusCode.PermanentRedirect, direct.StatusCode);
        Assert.Equal("https://belonging.example.org/login", direct.Headers.Location?.ToString());
        Assert.False(direct.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_ForgedHostHeader_RefusedAndLinksUseThePublicBaseUrl()
    {
        await using var app = Production();
        await app.InitialiseAsync();
        using var forged = Client(app, "https://attacker.example.net");
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/login")).StatusCode);

        using var admin = Client(app);
        (await admin.PostAsJsonAsync("/api/account/login", new { email = TestOrganisation.Admin, password = TestApp.Password })).EnsureSuccessStatusCode();
        await TestApp.AddAntiforgeryHeaderAsync(admin);
        var (_, tokens) = await Features.CampaignJourneyTests.OpenCampaignAsync(admin, "prod-links");
        Assert.NotEmpty(tokens);
    }

    [Fact]
    public async Task Links_ForgedHostHeader_StillStartWithTheConfiguredPublicBaseUrl()
    {
        // Outside Production AllowedHosts may be '*', so the forged Host reaches the handler; the link must not use it.
        await using var app = new TestApp(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["Belonging:PublicBaseUrl"] = PublicBase });
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        admin.DefaultRequestHeaders.Host = "attacker.example.net";
        var instrument = await admin.PostAsJsonAsync("/api/instruments", Features.CampaignJourneyTests.SmallInstrument("host"));
        var versionId = (await instrument.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new { name = "Host", instrumentVersionId = versionId, opensOn = "2026-01-01", closesOn = "2099-12-31", k = 5, kComments = 5 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await admin.PostAsync($"/api/campaigns/{id}/open", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var urls = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray().Select(l => l.GetProperty("url").GetString()!).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.StartsWith(PublicBase + "/s/", u, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_WithoutPublicBaseUrl_StartFailsNamingTheSetting()
    {
        await using var app = new TestApp(DatabaseProvider.Sqlite, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Belonging:PublicBaseUrl is required in Production", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_AllowedHostsStar_StartFails()
    {
        await using var app = Production(new() { ["AllowedHosts"] = "*" });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("AllowedHosts is '*' in Production", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_OpenApiAndScalar_NotPublic_OpenApiForAdminsOnly()
    {
        await using var app = Production();
        await app.InitialiseAsync();
        using var anonymous = Client(app);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar/v1")).StatusCode);
        (await anonymous.PostAsJsonAsync("/api/account/login", new { email = TestOrganisation.Employee, password = TestApp.Password })).EnsureSuccessStatusCode();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);

        using var admin = Client(app);
        (await admin.PostAsJsonAsync("/api/account/login", new { email = TestOrganisation.Admin, password = TestApp.Password })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/scalar/v1")).StatusCode);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
