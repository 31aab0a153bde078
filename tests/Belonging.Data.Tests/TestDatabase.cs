using Belonging.Data;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Tests;

/// <summary>A fresh, migrated database of one provider (SQLite file in a temp folder, or a new PostgreSQL database on TEST_PG).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "belonging-data-tests", Guid.CreateVersion7().ToString("N"));

    private TestDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        Directory.CreateDirectory(dir);
        ConnectionString = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(dir, "test.db")}"
            : $"{Environment.GetEnvironmentVariable("TEST_PG")};Database=belonging_data_{Guid.CreateVersion7():N}";
    }

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string KeyDirectory => Path.Combine(dir, "keys");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres && Environment.GetEnvironmentVariable("TEST_PG") is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("BELONGING_REQUIRE_PG") == "1", "TEST_PG is not set but BELONGING_REQUIRE_PG=1: PostgreSQL tests must run.");
            Assert.Skip("PostgreSQL is not available (run ./test.sh to start a throwaway cluster).");
        }

        var db = new TestDatabase(provider);
        await using var context = db.Open();
        await context.Database.MigrateAsync();
        return db;
    }

    public AppDbContext Open() => Database.Create(Provider, ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await using var context = Open();
            await context.Database.EnsureDeletedAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }
}
