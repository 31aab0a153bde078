using System.Net.Http.Json;
using Belonging.Data;
using Belonging.Data.Accounts;
using Belonging.Data.Organisation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Belonging.Web.Tests.Platform;

/// <summary>Where the test databases come from. PostgreSQL comes from ./test.sh's throwaway cluster (TEST_PG).</summary>
public static class TestDatabases
{
    public static string? Postgres => Environment.GetEnvironmentVariable("TEST_PG");

    /// <summary>Skips a PostgreSQL test only on a developer machine without TEST_PG; under ./test.sh (BELONGING_REQUIRE_PG=1) a missing server fails.</summary>
    public static void RequireProvider(DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Postgres || Postgres is not null)
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable("BELONGING_REQUIRE_PG") == "1", "TEST_PG is not set but BELONGING_REQUIRE_PG=1: PostgreSQL tests must run.");
        Assert.Skip("PostgreSQL is not available (run ./test.sh to start a throwaway cluster).");
    }
}

/// <summary>The real app (Program) over a fresh database of the given provider, with a small known organisation.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";
    private readonly string dir = Path.Combine(Path.GetTempPath(), "belonging-tests", Guid.CreateVersion7().ToString("N"));
    private readonly string connectionString;

    private readonly IReadOnlyDictionary<string, string> settings;

    private readonly FakeTimeProvider? clock;

    private readonly string environment;

    /// <summary>A request header that sets the connection's remote address (the peer a proxy would be), for the forwarded-header and per-address tests.</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <param name="provider">The database.</param>
    /// <param name="settings">Extra configuration.</param>
    /// <param name="clock">A fake clock to run the app on (the app's <see cref="TimeProvider"/>), or null for the system clock.</param>
    /// <param name="environment">The host environment (Production for the deployment tests).</param>
    public TestApp(DatabaseProvider provider, IReadOnlyDictionary<string, string>? settings = null, FakeTimeProvider? clock = null, string environment = "Testing")
    {
        Provider = provider;
        this.environment = environment;
        this.clock = clock;
        this.settings = settings ?? new Dictionary<string, string>();
        Directory.CreateDirectory(dir);
        connectionString = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(dir, "test.db")}"
            : $"{TestDatabases.Postgres};Database=belonging_{Guid.CreateVersion7():N}";
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString => connectionString;

    public string KeyDirectory => Path.Combine(dir, "keys");

    public TestOrganisation Org { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Outside Development, static assets come from the build's manifest only when asked for (otherwise the
        // precompressed variants resolve to empty bodies); published apps carry them in wwwroot instead.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("BallotBox:KeyDirectory", KeyDirectory);
        builder.UseSetting("Demo:Enabled", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFilter>());
        if (clock is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                // Sign-in cookies stay on the real clock, so advancing the fake one by days does not sign the test clients out.
                services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.TimeProvider = TimeProvider.System);
            });
        }
    }

    public async Task InitialiseAsync()
    {
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
        Org = await TestOrganisation.SeedAsync(db, hasher);
    }

    public AppDbContext NewDb() => Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>();

    public async Task<HttpClient> ClientAsAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/account/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        await AddAntiforgeryHeaderAsync(client);
        return client;
    }

    /// <summary>What every API client of a signed-in session does (ADR 10): fetch the session's antiforgery token once, send it with every request.</summary>
    public static async Task AddAntiforgeryHeaderAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/account/antiforgery");
        client.DefaultRequestHeaders.Remove(token.GetProperty("headerName").GetString()!);
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
    }

    public override async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await using var db = NewDb();
            await db.Database.EnsureDeletedAsync();
        }

        await base.DisposeAsync();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalising SQLite connection; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Sets the connection's remote address from <see cref="TestApp.PeerHeader"/> before the app's pipeline (TestServer has no peer address).</summary>
internal sealed class PeerAddressFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(http.Request.Headers[TestApp.PeerHeader].ToString(), out var peer))
            {
                http.Connection.RemoteIpAddress = peer;
            }

            return nextMiddleware(http);
        });
        next(app);
    };
}

/// <summary>
/// Root "Acme" with A (teams A1: 6 people, A2: 3 people) and B (team B1: 8 people); every person has gender and
/// location. Accounts: admin, leader of A, employee.
/// </summary>
public sealed record TestOrganisation(Guid Root, Guid A, Guid A1, Guid A2, Guid B, Guid B1)
{
    public const string Admin = "admin@test.local";
    public const string LeaderA = "leader.a@test.local";
    public const string Employee = "employee@test.local";

    public static async Task<TestOrganisation> SeedAsync(AppDbContext db, IPasswordHasher<Account> hasher)
    {
        var root = new OrgUnit("ROOT", "Acme", null);
        var a = new OrgUnit("A", "Division A", root.Id);
        var a1 = new OrgUnit("A1", "Team A1", a.Id);
        var a2 = new OrgUnit("A2", "Team A2", a.Id);
        var b = new OrgUnit("B", "Division B", root.Id);
        var b1 = new OrgUnit("B1", "Team B1", b.Id);
        db.OrgUnits.AddRange(root, a, a1, a2, b, b1);
        db.ReportingAttributeDefinitions.AddRange(new ReportingAttributeDefinition("gender", false), new ReportingAttributeDefinition("location", false));
        await db.SaveChangesAsync();
        var n = 0;
        void AddPeople(OrgUnit unit, int count)
        {
            for (var i = 0; i < count; i++)
            {
                n++;
                var p = new Person($"E{n:D3}", $"Person {n}", $"person{n}@test.local", unit.Id, new DateOnly(2020, 1, 1));
                p.SetAttributes(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["gender"] = n % 2 == 0 ? "Woman" : "Man",
                    ["location"] = n % 3 == 0 ? "Remote" : "Office",
                });
                db.People.Add(p);
            }
        }

        AddPeople(a1, 6);
        AddPeople(a2, 3);
        AddPeople(b1, 8);
        foreach (var (email, role, scope) in new[] { (Admin, Role.Admin, (Guid?)null), (LeaderA, Role.Leader, a.Id), (Employee, Role.Employee, null) })
        {
            var account = new Account(email, email, "", role, scope);
            account.SetPasswordHash(hasher.HashPassword(account, TestApp.Password));
            db.Accounts.Add(account);
        }

        await db.SaveChangesAsync();
        return new TestOrganisation(root.Id, a.Id, a1.Id, a2.Id, b.Id, b1.Id);
    }
}
