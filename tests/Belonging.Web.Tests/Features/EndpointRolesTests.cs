using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Issue 10, roles as policies: every API endpoint the app maps — not a hand-picked list — is called anonymously and
/// with each role that its policy excludes, and must refuse (401 anonymous, 403 wrong role) before doing anything. A new
/// endpoint that forgets its policy fails here.
/// </summary>
public sealed partial class EndpointRolesTests : IAsyncLifetime
{
    /// <summary>The only API routes anyone may call signed out: answering with a link, signing in and out, asking for a reset link.</summary>
    private static readonly string[] Anonymous = ["/api/answers", "/api/account/login", "/api/account/logout", "/api/account/password-reset"];

    private readonly TestApp app = new(DatabaseProvider.Sqlite);

    public async ValueTask InitializeAsync() => await app.InitialiseAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private sealed record Route(string Method, string Pattern, string Path, IReadOnlyList<string> Policies, bool AllowsAnonymous);

    private List<Route> ApiRoutes()
    {
        var sources = app.Services.GetServices<EndpointDataSource>();
        return [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new Route(
                m,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                Concrete("/" + e.RoutePattern.RawText!.TrimStart('/')),
                [.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()],
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    /// <summary>A path for a route pattern: a fresh GUID for each GUID parameter, "x" for any other.</summary>
    private static string Concrete(string pattern) =>
        Parameter().Replace(pattern, m => m.Value.Contains(":guid", StringComparison.Ordinal) ? Ids.New().ToString() : "x");

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, Route route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = JsonContent.Create(new { });
        }

        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>
    /// Who may call each API route, as declared, against the reviewed list in api-roles.txt (next to this file): a route
    /// added, removed, or given another policy fails here until the list is updated on purpose. The tests below then
    /// check that each declaration is enforced.
    /// </summary>
    [Fact]
    public void EveryApiRoute_DeclaresWhoMayCallIt_AsReviewed()
    {
        var actual = ApiRoutes().Select(r => $"{r.Method} {r.Pattern} -> {Who(r)}").Distinct(StringComparer.Ordinal).ToList();
        var file = Path.Combine(AppContext.BaseDirectory, "Features", "api-roles.txt");
        var expected = File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList() : [];
        Assert.True(expected.SequenceEqual(actual), "API roles differ from api-roles.txt. Now:\n" + string.Join("\n", actual));
    }

    private static string Who(Route route) =>
        route.Policies.Contains("admin") ? "admin"
        : route.Policies.Contains("leader-or-admin") ? "leader or admin"
        : Anonymous.Any(p => route.Pattern.StartsWith(p, StringComparison.Ordinal)) ? "anyone"
        : "signed in";

    [Fact]
    public async Task EveryApiEndpoint_SignedOut_IsRefusedUnlessItIsOneOfTheFewPublicOnes()
    {
        var routes = ApiRoutes();
        Assert.True(routes.Count > 40, $"only {routes.Count} API routes found");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var wrong = new List<string>();
        foreach (var route in routes)
        {
            if (Anonymous.Any(p => route.Pattern.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            var status = await CallAsync(client, route);
            if (status != HttpStatusCode.Unauthorized)
            {
                wrong.Add($"{route.Method} {route.Pattern}: {(int)status}");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(TestOrganisation.Employee)]
    [InlineData(TestOrganisation.LeaderA)]
    public async Task EveryAdminEndpoint_OtherRoles_Are403(string email)
    {
        var admin = ApiRoutes().Where(r => r.Policies.Contains("admin")).ToList();
        Assert.True(admin.Count > 20, $"only {admin.Count} admin routes found");
        using var client = await app.ClientAsAsync(email);
        var wrong = new List<string>();
        foreach (var route in admin)
        {
            var status = await CallAsync(client, route);
            if (status != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{route.Method} {route.Pattern}: {(int)status}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryLeaderEndpoint_Employee_Is403()
    {
        var leader = ApiRoutes().Where(r => r.Policies.Contains("leader-or-admin")).ToList();
        Assert.NotEmpty(leader);
        using var client = await app.ClientAsAsync(TestOrganisation.Employee);
        var wrong = new List<string>();
        foreach (var route in leader)
        {
            var status = await CallAsync(client, route);
            if (status != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{route.Method} {route.Pattern}: {(int)status}");
            }
        }

        Assert.Empty(wrong);
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex Parameter();
}
