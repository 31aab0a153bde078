using System.CommandLine;
using Belonging.Cli.Commands;
using Belonging.Data;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Cli.Tests.Commands;

/// <summary>Runs the real commands in-process against a temporary SQLite database.</summary>
[Collection(nameof(CapturedConsole))]
public sealed class CommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "belonging-cli-tests", Guid.CreateVersion7().ToString("N"));

    public CommandTests() => Directory.CreateDirectory(dir);

    private string Db => $"Data Source={Path.Combine(dir, "cli.db")}";

    private static async Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }

    [Fact]
    public async Task AdminCreate_EmptyDatabase_CreatesAdminWithoutPasswordAndPrintsOneTimeLinkStoredHashed()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await RunAsync("admin", "create", "--email", "Ops@Example.org", "--name", "Ops Team", "--base-url", "https://belonging.example.org/", "--connection", Db);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, code);
        var link = output.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("https://", StringComparison.Ordinal));
        Assert.StartsWith("https://belonging.example.org/account/set-password?token=", link, StringComparison.Ordinal);
        var token = link.Split("token=")[1];
        Assert.True(token.Length >= 43);
        await using var db = Database.Create(DatabaseProvider.Sqlite, Db);
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(("ops@example.org", "Ops Team", Belonging.Data.Accounts.Role.Admin, ""), (account.Email, account.DisplayName, account.Role, account.PasswordHash));
        var stored = await db.PasswordSetupTokens.SingleAsync();
        Assert.Equal(Belonging.Data.Accounts.PasswordSetupToken.Hash(token), stored.TokenHash);
        Assert.InRange(stored.ExpiresAt - TimeProvider.System.GetUtcNow().UtcDateTime, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));

        Assert.Equal(1, await RunAsync("admin", "create", "--email", "ops@example.org", "--connection", Db));
        Assert.Equal(1, await RunAsync("admin", "create", "--email", "not-an-address", "--connection", Db));
    }

    [Fact]
    public async Task DbMigrate_EmptyFolder_CreatesSchema()
    {
        Assert.Equal(0, await RunAsync("db", "migrate", "--connection", Db));
        await using var db = Database.Create(DatabaseProvider.Sqlite, Db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task ImportRoster_ValidThenInvalid_ExitCodesAndNothingChangedOnError()
    {
        var units = Path.Combine(dir, "units.csv");
        var people = Path.Combine(dir, "people.csv");
        var broken = Path.Combine(dir, "broken.csv");
        await File.WriteAllTextAsync(units, "unit_id,name,parent_unit_id\nROOT,Acme,\nT1,Team,ROOT\n");
        await File.WriteAllTextAsync(people, "employee_id,name,email,manager_id,org_unit_id,start_date\nE1,Ann,ann@x.example,,T1,2024-01-01\nE2,Bo,bo@x.example,E1,T1,2024-02-01\n");
        await File.WriteAllTextAsync(broken, "employee_id,name,email,manager_id,org_unit_id,start_date\nE1,Ann,ann@x.example,,T1,2024-01-01\nE3,Cy,cy@x.example,E9,T1,2024-02-01\n");
        Assert.Equal(0, await RunAsync("db", "migrate", "--connection", Db));
        Assert.Equal(0, await RunAsync("import", "roster", people, "--units", units, "--connection", Db));
        Assert.Equal(1, await RunAsync("import", "roster", broken, "--connection", Db));
        Assert.Equal(2, await RunAsync("import", "roster", Path.Combine(dir, "missing.csv"), "--connection", Db));
        await using var db = Database.Create(DatabaseProvider.Sqlite, Db);
        Assert.Equal(["E1", "E2"], await db.People.OrderBy(p => p.EmployeeId).Select(p => p.EmployeeId).ToListAsync());
        Assert.Equal(2, await db.People.CountAsync(p => p.EndDate == null));
    }

    [Fact]
    public async Task Seed_EmptyDatabase_CreatesDemoOnce()
    {
        var keys = Path.Combine(dir, "keys");
        Assert.Equal(0, await RunAsync("seed", "--people", "120", "--connection", Db, "--keys", keys));
        await using (var db = Database.Create(DatabaseProvider.Sqlite, Db))
        {
            Assert.InRange(await db.People.CountAsync(), 100, 140);
            Assert.Equal(3, await db.Campaigns.CountAsync(c => c.Status == Belonging.Data.Campaigns.CampaignStatus.Closed));
            Assert.Equal(2, await db.Metrics.CountAsync());
            Assert.Equal(8, await db.MetricValues.CountAsync());
            Assert.Equal(3, await db.PolicyDocuments.CountAsync());
            Assert.All(await db.PolicyVersions.ToListAsync(), v => Assert.True(v.OpenFindings > 0));
            Assert.True(await db.ResponseSets.AnyAsync());
        }

        var people = 0;
        await using (var db = Database.Create(DatabaseProvider.Sqlite, Db))
        {
            people = await db.People.CountAsync();
        }

        Assert.Equal(0, await RunAsync("seed", "--people", "120", "--connection", Db, "--keys", keys));
        await using var again = Database.Create(DatabaseProvider.Sqlite, Db);
        Assert.Equal(people, await again.People.CountAsync());
        Assert.Equal(2, await RunAsync("seed", "--people", "3", "--connection", Db));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
