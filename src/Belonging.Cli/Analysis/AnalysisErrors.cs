using System.Globalization;
using Belonging.Core;

namespace Belonging.Cli.Analysis;

/// <summary>Why <c>belonging analyze</c> cannot run on the given file and options. Every message says what to do; the command exits with 2.</summary>
internal abstract record AnalysisError(string Code, string Message) : Error(Code, Message)
{
    public sealed record FileMissing(string Path) : AnalysisError("analyze.file_not_found", $"File not found: {Path}");

    public sealed record UnreadableFile(string Detail) : AnalysisError("analyze.unreadable_file", Detail);

    public sealed record UnknownColumn(string Column, IReadOnlyList<string> Available)
        : AnalysisError("analyze.unknown_column", $"The file has no column \"{Column}\". Columns: {string.Join(", ", Available)}.");

    public sealed record DuplicateColumn(string Column)
        : AnalysisError("analyze.duplicate_column", $"The header names the column \"{Column}\" more than once. Rename or remove one.");

    public sealed record RaggedRow(int Row, int Cells, int Columns)
        : AnalysisError("analyze.ragged_row", string.Create(CultureInfo.InvariantCulture, $"Row {Row} has {Cells} values but the header has {Columns} columns. Check for unquoted commas or a missing value."));

    public sealed record NotNumeric(int Row, string Column, string Text)
        : AnalysisError("analyze.not_numeric", string.Create(CultureInfo.InvariantCulture, $"Row {Row}, column {Column}: \"{Text}\" is not a number. Leave the cell blank or write NA or dont_know for a missing answer (never 0)."));

    public sealed record OutOfScale(int Row, string Column, double Value, double Min, double Max)
        : AnalysisError("analyze.out_of_scale", string.Create(CultureInfo.InvariantCulture, $"Row {Row}, column {Column}: {Value} is outside the scale {Min}–{Max}. If it codes \"don't know\" or a skipped question, leave the cell blank or write NA or dont_know."));

    public sealed record TooFewRows(int Usable, int Minimum, string What)
        : AnalysisError("analyze.too_few_rows", string.Create(CultureInfo.InvariantCulture, $"Too few rows: {What} has {Usable} usable respondent(s) and needs at least {Minimum}."));

    public sealed record ItemWithoutAnswers()
        : AnalysisError("analyze.item_without_answers", "Every item needs at least two answers for a reliability estimate; drop the items nobody (or only one person) answered.");

    public sealed record InvalidOption(string Detail) : AnalysisError("analyze.invalid_option", Detail);
}
