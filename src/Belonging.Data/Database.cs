using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Belonging.Data;

/// <summary>Which database engine backs the app.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded SQLite (default): WAL journal, synchronous=FULL.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL via Npgsql (production).</summary>
    Postgres = 1,
}

/// <summary>Configures <see cref="AppDbContext"/> for a provider with that provider's migrations assembly.</summary>
public static class Database
{
    public const string SqliteMigrationsAssembly = "Belonging.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Belonging.Data.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.Sqlite => options
                .UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(SqliteDurability.Instance),
            DatabaseProvider.Postgres => options
                .UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    public static AppDbContext Create(DatabaseProvider provider, string connectionString) =>
        new(Configure(new DbContextOptionsBuilder<AppDbContext>(), provider, connectionString).Options as DbContextOptions<AppDbContext>
            ?? throw new InvalidOperationException("Options type mismatch."));
}

/// <summary>
/// Every SQLite connection runs with WAL and synchronous=FULL, so a commit is on disk before a submission is
/// acknowledged, plus foreign keys on and a busy timeout so concurrent writers wait instead of failing.
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var cmd = connection.CreateCommand();
        await using (cmd.ConfigureAwait(false))
        {
            cmd.CommandText = Pragmas;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
