using System.CommandLine;
using Belonging.Data.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Cli.Commands;

/// <summary>
/// <c>belonging admin create --email … [--name …]</c>: the first-run path of a Production instance. Creates an
/// organisation admin without a password and prints a one-time set-password link (valid 24 hours, single use; only its
/// hash is stored). No password ever passes through the command line.
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        var email = new Option<string>("--email") { Description = "The admin's e-mail address (their sign-in name).", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the e-mail address)." };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "The instance's public base URL, e.g. https://belonging.example.org (default: the web app's Belonging__PublicBaseUrl).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Belonging__PublicBaseUrl"),
        };
        var create = new Command("create", "Create an organisation admin and print a one-time link (24 h) to set their password.");
        database.AddTo(create);
        create.Options.Add(email);
        create.Options.Add(name);
        create.Options.Add(baseUrl);
        create.SetAction(async (parse, ct) =>
        {
            await using var db = database.Open(parse);
            await db.Database.MigrateAsync(ct);
            var created = await AccountSetup.CreateAdminAsync(db, parse.GetValue(email)!, parse.GetValue(name), TimeProvider.System.GetUtcNow().UtcDateTime, ct);
            if (!created.IsSuccess)
            {
                await Console.Error.WriteLineAsync(created.Error!.Message);
                return 1;
            }

            var (account, token) = created.Value;
            var path = AccountSetup.SetPasswordPath + token;
            var root = parse.GetValue(baseUrl)?.TrimEnd('/');
            Console.WriteLine($"Created admin {account.Email}.");
            Console.WriteLine("Open this link within 24 hours to set the password (it works once; only its hash is stored):");
            Console.WriteLine(string.IsNullOrWhiteSpace(root) ? path : root + path);
            if (string.IsNullOrWhiteSpace(root))
            {
                Console.WriteLine("(Put the instance's address in front: pass --base-url or set Belonging__PublicBaseUrl.)");
            }

            return 0;
        });
        var command = new Command("admin", "Manage administrator accounts.");
        command.Subcommands.Add(create);
        return command;
    }
}
