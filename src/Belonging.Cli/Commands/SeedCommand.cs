using System.CommandLine;
using Belonging.Core.Surveys;
using Belonging.Data.Accounts;
using Belonging.Data.Campaigns;
using Belonging.Data.Demo;
using Belonging.Data.Surveys;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Belonging.Cli.Commands;

/// <summary><c>belonging seed</c>: migrates, adds the default instrument and, into an empty database, the demo organisation.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        var people = new Option<int>("--people") { Description = "How many people the demo organisation has.", DefaultValueFactory = _ => 3000 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same organisation).", DefaultValueFactory = _ => 20261123 };
        var keys = new Option<string>("--keys") { Description = "Directory for ballot-box keys (must match the web app's BallotBox:KeyDirectory).", DefaultValueFactory = _ => "keys" };
        var command = new Command("seed", "Create the demo organisation (demo logins, ~3,000 people, three closed campaigns) in an empty database.");
        database.AddTo(command);
        command.Options.Add(people);
        command.Options.Add(seed);
        command.Options.Add(keys);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(people) is < 20 or > 200_000)
            {
                AnsiConsole.MarkupLine("[red]--people must be between 20 and 200,000.[/]");
                return 2;
            }

            await using var db = database.Open(parse);
            var seeded = false;
            await AnsiConsole.Status().StartAsync("Migrating and seeding…", async _ =>
            {
                await db.Database.MigrateAsync(ct);
                await InstrumentSeeding.EnsureAsync(db, BlueprintCore.Instrument, ct);
                var box = new BallotBox(Options.Create(new BallotBoxOptions { KeyDirectory = parse.GetValue(keys)! }), NullLogger<BallotBox>.Instance);
                var hasher = new PasswordHasher<Account>();
                var seeder = new DemoSeeder(db, box, TimeProvider.System, hasher.HashPassword, NullLogger<DemoSeeder>.Instance);
                seeded = await seeder.SeedAsync(new DemoOptions { People = parse.GetValue(people), Seed = parse.GetValue(seed) }, ct);
            });
            AnsiConsole.MarkupLine(seeded
                ? $"[green]Seeded the demo organisation.[/] Logins: {DemoSeeder.AdminEmail}, {DemoSeeder.LeaderEmail}, {DemoSeeder.EmployeeEmail} (password: {new DemoOptions().Password})."
                : "[yellow]The database already has people; nothing was seeded.[/]");
            return 0;
        });
        return command;
    }
}
