using System.CommandLine;
using Belonging.Data;

namespace Belonging.Cli.Commands;

/// <summary>--provider and --connection, shared by every command that touches the database. Defaults match the web app's (environment variables Database__Provider and Database__ConnectionString work for both).</summary>
internal sealed class DatabaseOptions
{
    public Option<DatabaseProvider> Provider { get; } = new("--provider")
    {
        Description = "Database engine: Sqlite (default) or Postgres.",
        DefaultValueFactory = _ => Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("Database__Provider"), ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite,
    };

    public Option<string> Connection { get; } = new("--connection")
    {
        Description = "Connection string (default: Data Source=belonging.db).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Database__ConnectionString") ?? "Data Source=belonging.db",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(Connection);
    }

    public AppDbContext Open(ParseResult result) => Database.Create(result.GetValue(Provider), result.GetValue(Connection)!);
}
