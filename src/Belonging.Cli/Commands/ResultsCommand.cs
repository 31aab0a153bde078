using System.CommandLine;
using System.Globalization;
using Belonging.Data.Results;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Belonging.Cli.Commands;

/// <summary>
/// <c>belonging results list</c> and <c>belonging results export &lt;campaign-id&gt; --format csv|xlsx</c>: the same
/// release and the same export code as the web app, so the command line can never show a cell the web app withholds.
/// </summary>
#pragma warning disable CA1515 // Public so the web tests can run this exact command against the web app's database (CLI vs UI attacker test).
public static class ResultsCommand
#pragma warning restore CA1515
{
    /// <summary>The <c>results</c> command tree.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var results = new Command("results", "Closed campaigns' results, exactly as released (hidden cells stay hidden).");
        results.Subcommands.Add(List());
        results.Subcommands.Add(Export());
        return results;
    }

    private static Command List()
    {
        var database = new DatabaseOptions();
        var list = new Command("list", "Lists closed campaigns with their ids.");
        database.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            await using var db = database.Open(parse);
            var closed = await db.Campaigns.AsNoTracking().Where(c => c.Status == Belonging.Data.Campaigns.CampaignStatus.Closed).ToListAsync(ct);
            var table = new Spectre.Console.Table().AddColumns("Id", "Name", "Closed");
            foreach (var c in closed.OrderByDescending(c => c.ClosedAt))
            {
                table.AddRow(c.Id.ToString(), Markup.Escape(c.Name), c.ClosedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command Export()
    {
        var database = new DatabaseOptions();
        var campaign = new Argument<Guid>("campaign-id") { Description = "Campaign id (see `results list`)." };
        var format = new Option<string>("--format") { Description = "csv (default) or xlsx.", DefaultValueFactory = _ => "csv" };
        var output = new Option<FileInfo?>("--output") { Description = "File to write (default: results-<id>.<format>)." };
        var export = new Command("export", "Exports every released unit, breakdown and intersection of a closed campaign.");
        export.Arguments.Add(campaign);
        export.Options.Add(format);
        export.Options.Add(output);
        database.AddTo(export);
        export.SetAction(async (parse, ct) =>
        {
            var kind = parse.GetValue(format)!.ToLowerInvariant();
            if (kind is not ("csv" or "xlsx"))
            {
                await Console.Error.WriteLineAsync($"Unknown format '{kind}': use csv or xlsx.");
                return 2;
            }

            await using var db = database.Open(parse);
            var id = parse.GetValue(campaign);
            var loaded = await new CampaignResults(db).LoadAsync(id, ct);
            if (!loaded.IsSuccess)
            {
                await Console.Error.WriteLineAsync(loaded.Error!.Message);
                return 2;
            }

            var data = loaded.Value;
            var bytes = kind == "csv" ? ResultsExport.Csv(data, data.Root) : ResultsExport.Xlsx(data, data.Root);
            var file = parse.GetValue(output) ?? new FileInfo($"results-{id:N}.{kind}");
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            Console.WriteLine($"Wrote {file.FullName} ({bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes). Hidden cells carry their reason and no numbers.");
            return 0;
        });
        return export;
    }
}
