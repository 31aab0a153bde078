using Belonging.Data;
using Belonging.Data.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Belonging.BrowserTests;

/// <summary>The real app on a real Kestrel port (fresh SQLite database), and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string Password = "browser journeys 2026";
    public const string Admin = "admin@browser.test";
    public const string Leader = "leader@browser.test";

    private readonly string dir = Path.Combine(Path.GetTempPath(), "belonging-browser", Guid.CreateVersion7().ToString("N"));
    private Factory? factory;

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => factory!.Services;

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/lib/chromium/chromium";
        if (!File.Exists(chromium))
        {
            Assert.False(Environment.GetEnvironmentVariable("BELONGING_REQUIRE_CHROMIUM") == "1", $"Chromium not found at {chromium}, but BELONGING_REQUIRE_CHROMIUM=1: browser tests must run.");
            Assert.Skip("Debian's chromium package is not installed (./test.sh installs it).");
        }

        Directory.CreateDirectory(dir);
        factory = new Factory(dir);
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
            var admin = new Account(Admin, "Ada Admin", "", Role.Admin, null);
            admin.SetPasswordHash(hasher.HashPassword(admin, Password));
            db.Accounts.Add(admin);
            await db.SaveChangesAsync();
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task AddLeaderAsync(Guid scopeUnitId)
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Account>>();
        var leader = new Account(Leader, "Lin Leader", "", Role.Leader, scopeUnitId);
        leader.SetPasswordHash(hasher.HashPassword(leader, Password));
        db.Accounts.Add(leader);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>The web project's folder (for wwwroot), found by walking up from the test binaries to the repository root.</summary>
    private static string WebProjectDirectory()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "src", "Belonging.Web");
            if (Directory.Exists(Path.Combine(candidate, "wwwroot")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/Belonging.Web not found above " + AppContext.BaseDirectory);
    }

    private sealed class Factory(string dir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Outside Development, static assets come from the build's manifest only when asked for (otherwise the
            // precompressed variants resolve to empty bodies); published apps carry them in wwwroot instead.
            builder.UseStaticWebAssets();
        // Outside Development, static assets come from the build's manifest only when asked for (otherwise the
        // precompressed variants resolve to empty bodies); published apps carry them in wwwroot instead.
        builder.UseStaticWebAssets();
            builder.UseContentRoot(WebProjectDirectory());
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(dir, "browser.db")}");
            builder.UseSetting("BallotBox:KeyDirectory", Path.Combine(dir, "keys"));
            builder.UseSetting("Demo:Enabled", "false");
        }
    }
}
