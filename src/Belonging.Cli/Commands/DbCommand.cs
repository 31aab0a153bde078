using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Belonging.Cli.Commands;

/// <summary><c>belonging db migrate</c>: creates the database if needed and applies every migration of its provider.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        var migrate = new Command("migrate", "Create the database if needed and apply all migrations.");
        database.AddTo(migrate);
        migrate.SetAction(async (parse, ct) =>
        {
            await using var db = database.Open(parse);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]Database is up to date[/] ({pending.Count} migration(s) applied).");
            return 0;
        });
        var command = new Command("db", "Database maintenance.");
        command.Subcommands.Add(migrate);
        return command;
    }
}
