using System.Globalization;
using Belonging.Core;

namespace Belonging.Formats.Tables;

/// <summary>Why a table file could not be read. Every message says what to do.</summary>
public abstract record TableError(string Code, string Message) : Error(Code, Message)
{
    public sealed record TooLarge(long Bytes, long Limit)
        : TableError("file.too_large", string.Create(CultureInfo.InvariantCulture, $"The file is {Bytes / 1048576.0:0.0} MB; the limit is {Limit / 1048576.0:0.#} MB. Split it or remove columns that are not needed."));

    public sealed record Empty() : TableError("file.empty", "The file is empty.");

    public sealed record UnsupportedType(string FileName)
        : TableError("file.unsupported_type", $"\"{FileName}\" is not a CSV or XLSX file. Save it as CSV UTF-8 (.csv) or Excel workbook (.xlsx).");

    public sealed record InvalidEncoding(int Line, long ByteOffset)
        : TableError("file.invalid_encoding", string.Create(CultureInfo.InvariantCulture, $"The file is not valid UTF-8 text (first bad byte at offset {ByteOffset}, line {Line}). Save it as \"CSV UTF-8\" and upload it again."));

    public sealed record Utf16WithoutBom()
        : TableError("file.utf16_without_bom", "The file looks like UTF-16 text without a byte-order mark; save it as UTF-8 (in Excel: \"CSV UTF-8\") and upload it again.");

    public sealed record UnclosedQuote(int Line)
        : TableError("file.unclosed_quote", string.Create(CultureInfo.InvariantCulture, $"A quoted value that starts on line {Line} never ends. Check that quotes inside values are doubled (\"\")."));

    public sealed record NoHeader(string Table) : TableError("file.no_header", $"\"{Table}\" has no header row.");

    public sealed record TooManyRows(string Table, int Limit)
        : TableError("file.too_many_rows", string.Create(CultureInfo.InvariantCulture, $"\"{Table}\" has more than {Limit:N0} rows."));

    public sealed record TooManyColumns(string Table, int Limit)
        : TableError("file.too_many_columns", string.Create(CultureInfo.InvariantCulture, $"\"{Table}\" has more than {Limit} columns."));

    public sealed record CellTooLong(string Table, int Row, int Limit)
        : TableError("file.cell_too_long", string.Create(CultureInfo.InvariantCulture, $"A value on row {Row} of \"{Table}\" is longer than {Limit:N0} characters."));

    public sealed record CorruptWorkbook(string Detail)
        : TableError("file.corrupt_workbook", $"The workbook cannot be read ({Detail}). Open it in a spreadsheet program and save it again as .xlsx.");

    public sealed record ArchiveTooLarge(long Limit)
        : TableError("file.archive_too_large", string.Create(CultureInfo.InvariantCulture, $"The workbook unpacks to more than {Limit / 1048576} MB, which a roster never needs; it was not opened."));

    public sealed record ArchiveTooManyParts(int Limit)
        : TableError("file.archive_too_many_parts", string.Create(CultureInfo.InvariantCulture, $"The workbook has more than {Limit:N0} parts, which a roster never needs; it was not opened."));

    public sealed record SuspiciousCompression(string Part, int Limit)
        : TableError("file.suspicious_compression", string.Create(CultureInfo.InvariantCulture, $"The workbook part \"{Part}\" unpacks to more than {Limit} times its packed size, which real workbooks never do; it was not opened. Open it in a spreadsheet program and save it again as .xlsx."));
}
