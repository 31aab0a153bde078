using System.CommandLine;
using Belonging.Core.Organisation;
using Belonging.Data.Organisation;
using Belonging.Formats.Tables;
using Spectre.Console;

namespace Belonging.Cli.Commands;

/// <summary><c>belonging import roster people.csv [--units units.csv]</c>: the same checks and the same all-or-nothing apply as the web upload.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        var people = new Argument<FileInfo>("people") { Description = "Roster file (CSV or XLSX; units may be a sheet named Units)." };
        var units = new Option<FileInfo?>("--units") { Description = "Org units file (CSV or XLSX) when they are not in the roster workbook." };
        var roster = new Command("roster", "Import or update the roster. Invalid files change nothing; every problem is listed with row and column.");
        roster.Arguments.Add(people);
        roster.Options.Add(units);
        database.AddTo(roster);
        roster.SetAction(async (parse, ct) =>
        {
            var peopleFile = parse.GetValue(people)!;
            var unitsFile = parse.GetValue(units);
            foreach (var f in new[] { peopleFile, unitsFile })
            {
                if (f is not null && !f.Exists)
                {
                    AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]File not found:[/] {f.FullName}");
                    return 2;
                }
            }

            await using var db = database.Open(parse);
            await using var peopleStream = peopleFile.OpenRead();
            await using var unitsStream = unitsFile?.OpenRead();
            var result = await AnsiConsole.Status().StartAsync("Checking the roster…", _ => RosterImport.ImportAsync(
                db,
                new RosterFile(peopleFile.Name, peopleStream),
                unitsStream is null ? null : new RosterFile(unitsFile!.Name, unitsStream),
                DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime),
                new TableReadLimits(),
                ct));
            if (result.IsSuccess)
            {
                var s = result.Value;
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture,
                    $"[green]Imported.[/] People: {s.PeopleAdded} added, {s.PeopleUpdated} updated, {s.PeopleLeft} marked as left. Units: {s.UnitsAdded} added, {s.UnitsUpdated} updated.");
                return 0;
            }

            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]Nothing was imported.[/] {result.Error!.Message}");
            if (result.Error is RosterInvalid invalid)
            {
                var table = new Table().AddColumns("Table", "Row", "Column", "Problem");
                foreach (var p in invalid.Problems)
                {
                    table.AddRow(Markup.Escape(p.Table), p.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(p.Column ?? "-"), Markup.Escape(p.Message));
                }

                AnsiConsole.Write(table);
            }

            return 1;
        });
        var command = new Command("import", "Import data.");
        command.Subcommands.Add(roster);
        return command;
    }
}
