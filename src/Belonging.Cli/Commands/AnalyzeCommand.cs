using System.CommandLine;
using System.Globalization;
using System.Text;
using Belonging.Cli.Analysis;
using Belonging.Core;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;
using Spectre.Console;

namespace Belonging.Cli.Commands;

/// <summary>
/// <c>belonging analyze &lt;reliability|gaps|drivers|trend&gt; --input answers.csv …</c>: offline analysis of an answers
/// file (format in docs/cli-analyze.md). Exit codes: 0 done, 2 the file or the options cannot be analysed (the message
/// says why, with row and column for bad values), 1 the command line itself could not be parsed.
/// </summary>
internal static class AnalyzeCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="stdout">Where the report goes when --output is not given (default: the console).</param>
    /// <param name="stderr">Where errors, notices and the progress bar go (default: standard error).</param>
    public static Command Create(TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var command = new Command("analyze", "Analyse an answers CSV offline: reliability, gaps between groups, drivers of an outcome, or change between waves.");
        command.Subcommands.Add(Sub(AnalysisKind.Reliability, "Cronbach's alpha (raw and standardised), alpha if item deleted, corrected item-total correlations, omega total.", stdout, stderr));
        command.Subcommands.Add(Sub(AnalysisKind.Gaps, "Each group against the rest and against everyone: Welch test, Cohen's d, Hedges' g, difference in % favourable, Benjamini-Hochberg adjusted p.", stdout, stderr));
        command.Subcommands.Add(Sub(AnalysisKind.Drivers, "Which predictors explain an outcome: relative weights and general dominance (at least 30 complete rows).", stdout, stderr));
        command.Subcommands.Add(Sub(AnalysisKind.Trend, "Each wave against the previous one, per group when --group is given: difference, Welch interval, p.", stdout, stderr));
        return command;
    }

    private static Command Sub(AnalysisKind kind, string description, TextWriter? stdout, TextWriter? stderr)
    {
        var options = new AnalyzeOptions(kind);
        var command = new Command(kind.ToString().ToLowerInvariant(), description);
        options.AddTo(command);
        command.SetAction(parse => Run(kind, options, parse, stdout ?? Console.Out, stderr));
        return command;
    }

    private static int Run(AnalysisKind kind, AnalyzeOptions options, ParseResult parse, TextWriter stdout, TextWriter? stderr)
    {
        var errors = stderr is null
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : PlainConsole(stderr);
        var request = options.Read(parse, kind);
        if (!request.IsSuccess)
        {
            return Fail(errors, request.Error!);
        }

        var (analysis, input, format, output) = request.Value;
        var table = AnswerTable.Load(input, errors);
        if (!table.IsSuccess)
        {
            return Fail(errors, table.Error!);
        }

        var report = Analyses.Run(table.Value, analysis);
        if (!report.IsSuccess)
        {
            return Fail(errors, report.Error!);
        }

        if (output is not null)
        {
            using var file = new StreamWriter(output.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Write(report.Value, format, file, isConsole: false);
            errors.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Wrote[/] {kind.ToString().ToLowerInvariant()} ({format}) to {output.FullName}");
        }
        else
        {
            Write(report.Value, format, stdout, isConsole: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        }

        return 0;
    }

    private static void Write(AnalysisReport report, string format, TextWriter writer, bool isConsole)
    {
        if (format == "json")
        {
            writer.WriteLine(ReportWriter.ToJson(report));
            writer.Flush();
            return;
        }

        ReportWriter.WriteTables(report, isConsole ? AnsiConsole.Console : PlainConsole(writer));
        writer.Flush();
    }

    /// <summary>A console on a file or test writer: no colours or escape codes, wide enough for the gap table.</summary>
    private static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }

    private static int Fail(IAnsiConsole errors, Error error)
    {
        errors.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Cannot analyse:[/] {error.Message}");
        return 2;
    }

    /// <summary>The options of one analysis subcommand (each subcommand has its own instances, like <see cref="DatabaseOptions"/>).</summary>
    private sealed class AnalyzeOptions
    {
        private readonly Option<FileInfo?> input = new("--input", "-i") { Description = "Answers file: CSV (UTF-8, comma, semicolon or tab), one row per respondent, header row first." };
        private readonly Option<string?> items = new("--items") { Description = "Item columns, comma-separated (e.g. A1,A2,A3)." };
        private readonly Option<string?> itemsPrefix = new("--items-prefix") { Description = "Use every column whose name starts with this (e.g. A)." };
        private readonly Option<string?> reverse = new("--reverse") { Description = "Reverse-keyed items, comma-separated: x becomes scale-min + scale-max − x." };
        private readonly Option<double?> scaleMin = new("--scale-min") { Description = "Lowest answer on the scale (e.g. 1); answers outside the scale are refused." };
        private readonly Option<double?> scaleMax = new("--scale-max") { Description = "Highest answer on the scale (e.g. 5)." };
        private readonly Option<string?> rule = new("--rule") { Description = "Missing data: pairwise (default; drivers: listwise only) or listwise." };
        private readonly Option<string?> group = new("--group") { Description = "Group column (e.g. gender)." };
        private readonly Option<string?> outcome = new("--outcome") { Description = "Outcome column a driver analysis explains (e.g. belonging)." };
        private readonly Option<string?> predictors = new("--predictors") { Description = "Predictor columns, comma-separated (default: --items)." };
        private readonly Option<string?> wave = new("--wave") { Description = "Wave column (numbers, or labels that sort in time order such as 2025-03)." };
        private readonly Option<int> minGroup = new("--min-group") { Description = "k: groups with fewer respondents are never shown (default 5, at least 3).", DefaultValueFactory = _ => MinimumGroupRule.Default };
        private readonly Option<double?> favourable = new("--favourable") { Description = "Lowest favourable answer (default: scale-max − 1, the top two points)." };
        private readonly Option<bool> perItem = new("--per-item") { Description = "Gaps: compare every item too, not only the scale score." };
        private readonly Option<string> format = new("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        private readonly Option<FileInfo?> output = new("--output", "-o") { Description = "Write the report to this file instead of the console." };
        private readonly AnalysisKind kind;

        public AnalyzeOptions(AnalysisKind kind) => this.kind = kind;

        public void AddTo(Command command)
        {
            command.Options.Add(input);
            if (kind == AnalysisKind.Drivers)
            {
                command.Options.Add(outcome);
                command.Options.Add(predictors);
            }

            command.Options.Add(items);
            command.Options.Add(itemsPrefix);
            command.Options.Add(reverse);
            command.Options.Add(scaleMin);
            command.Options.Add(scaleMax);
            command.Options.Add(rule);
            if (kind != AnalysisKind.Reliability)
            {
                command.Options.Add(group);
            }

            if (kind == AnalysisKind.Gaps)
            {
                command.Options.Add(favourable);
                command.Options.Add(perItem);
            }

            if (kind == AnalysisKind.Trend)
            {
                command.Options.Add(wave);
            }

            command.Options.Add(minGroup);
            command.Options.Add(format);
            command.Options.Add(output);
        }

        public Result<(AnalysisRequest Request, FileInfo Input, string Format, FileInfo? Output)> Read(ParseResult parse, AnalysisKind analysis)
        {
            if (parse.GetValue(input) is not { } file)
            {
                return new AnalysisError.InvalidOption("--input is required (the answers CSV).");
            }

            var formatText = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (formatText is not ("json" or "table"))
            {
                return new AnalysisError.InvalidOption("--format is json or table.");
            }

            MissingDataRule? missing = parse.GetValue(rule)?.Trim().ToLowerInvariant() switch
            {
                null => null,
                "listwise" => MissingDataRule.Listwise,
                "pairwise" => MissingDataRule.Pairwise,
                _ => (MissingDataRule)0,
            };
            if (missing == 0)
            {
                return new AnalysisError.InvalidOption("--rule is listwise or pairwise.");
            }

            var request = new AnalysisRequest(
                analysis,
                List(parse.GetValue(items)),
                Blank(parse.GetValue(itemsPrefix)),
                List(parse.GetValue(reverse)) ?? [],
                parse.GetValue(scaleMin),
                parse.GetValue(scaleMax),
                missing,
                Blank(parse.GetValue(group)),
                Blank(parse.GetValue(outcome)),
                List(parse.GetValue(predictors)),
                Blank(parse.GetValue(wave)),
                parse.GetValue(minGroup),
                parse.GetValue(favourable),
                parse.GetValue(perItem));
            return (request, file, formatText, parse.GetValue(output));
        }

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static string[]? List(string? text) =>
            text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } list ? list : null;
    }
}
