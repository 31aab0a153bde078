using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Belonging.Data.Results;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Belonging.Cli.Commands;

/// <summary>
/// <c>belonging results list [--format table|plain|json]</c> and
/// <c>belonging results export &lt;campaign-id&gt; --format csv|xlsx [--output file-or-directory]</c>: the same
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
        var format = new Option<string?>("--format")
        {
            Description = "table (default on a terminal), plain (default when piped: one line per campaign, id<TAB>closed<TAB>name) or json.",
        };
        format.AcceptOnlyFromAmong("table", "plain", "json");
        var list = new Command("list", "Lists closed campaigns with their ids.");
        list.Options.Add(format);
        database.AddTo(list);
        list.SetAction(async (parse, ct) =>
        {
            await using var db = database.Open(parse);
            var closed = (await db.Campaigns.AsNoTracking().Where(c => c.Status == Belonging.Data.Campaigns.CampaignStatus.Closed)
                    .Select(c => new { c.Id, c.Name, c.ClosedAt }).ToListAsync(ct))
                .OrderByDescending(c => c.ClosedAt)
                .Select(c => new ClosedCampaign(c.Id, c.Name, c.ClosedAt is { } at ? DateOnly.FromDateTime(at) : null))
                .ToList();
            // A table wraps long ids across lines at the terminal width, which breaks `| grep` and `| cut`: when the
            // output is not a terminal, the default is one plain line per campaign.
            var chosen = parse.GetValue(format) ?? (Console.IsOutputRedirected ? "plain" : "table");
            await Console.Out.WriteAsync(chosen switch
            {
                "json" => JsonSerializer.Serialize(closed, Json) + Environment.NewLine,
                "plain" => string.Concat(closed.Select(c => $"{c.Id}\t{Closed(c)}\t{c.Name.ReplaceLineEndings(" ").Replace('\t', ' ')}{Environment.NewLine}")),
                _ => "",
            });
            if (chosen == "table")
            {
                var table = new Spectre.Console.Table().AddColumns("Id", "Name", "Closed");
                foreach (var c in closed)
                {
                    table.AddRow(c.Id.ToString(), Markup.Escape(c.Name), Closed(c));
                }

                AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
            }

            return 0;
        });
        return list;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string Closed(ClosedCampaign c) => c.ClosedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Where <c>--output</c> points: a file, or an existing directory (or a path ending in a separator) to write the default file name into.</summary>
    /// <returns>The file to write, and the full path of its directory.</returns>
    private static (FileInfo File, string Directory) Target(string? output, string defaultName)
    {
        var file = string.IsNullOrEmpty(output) ? new FileInfo(defaultName)
            : Directory.Exists(output) || Path.EndsInDirectorySeparator(output) ? new FileInfo(Path.Combine(output, defaultName))
            : new FileInfo(output);
        return (file, file.DirectoryName ?? Path.GetFullPath("."));
    }

    private static Command Export()
    {
        var database = new DatabaseOptions();
        var campaign = new Argument<Guid>("campaign-id") { Description = "Campaign id (see `results list`)." };
        var format = new Option<string>("--format") { Description = "csv (default) or xlsx.", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--output") { Description = "File to write, or a directory to write results-<id>.<format> into (default: that name in the current directory)." };
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

            var id = parse.GetValue(campaign);
            var (file, directory) = Target(parse.GetValue(output), $"results-{id:N}.{kind}");
            if (!Directory.Exists(directory))
            {
                await Console.Error.WriteLineAsync($"The directory '{directory}' does not exist. Create it first, or choose another --output.");
                return 2;
            }

            await using var db = database.Open(parse);
            var loaded = await new CampaignResults(db).LoadAsync(id, ct);
            if (!loaded.IsSuccess)
            {
                await Console.Error.WriteLineAsync(loaded.Error!.Message);
                return 2;
            }

            var data = loaded.Value;
            var bytes = kind == "csv" ? ResultsExport.Csv(data, data.Root) : ResultsExport.Xlsx(data, data.Root);
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            Console.WriteLine($"Wrote {file.FullName} ({bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes). Hidden cells carry their reason and no numbers.");
            return 0;
        });
        return export;
    }
}
