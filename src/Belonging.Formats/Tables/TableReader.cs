using System.Globalization;
using System.IO.Compression;
using System.Text;
using Belonging.Core;
using Belonging.Core.Organisation;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Belonging.Formats.Tables;

/// <summary>
/// Reads CSV and XLSX files into <see cref="RawTable"/>s with exact row numbers, refusing anything malformed with a
/// specific <see cref="TableError"/> before any data is used.
/// </summary>
public static class TableReader
{
    /// <summary>Reads every table in the file: one for CSV, one per sheet for XLSX.</summary>
    /// <param name="content">The upload; read at most <see cref="TableReadLimits.MaxBytes"/> + 1 bytes.</param>
    /// <param name="fileName">Original file name (its extension picks the format).</param>
    /// <param name="limits">Bounds.</param>
    /// <returns>The tables, or the first reason the file cannot be read.</returns>
    public static Result<IReadOnlyList<RawTable>> Read(Stream content, string fileName, TableReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is not (".csv" or ".txt" or ".tsv" or ".xlsx"))
        {
            return new TableError.UnsupportedType(fileName ?? "");
        }

        if (content.CanSeek && content.Length - content.Position > limits.MaxBytes)
        {
            return new TableError.TooLarge(content.Length - content.Position, limits.MaxBytes);
        }

        var bytes = ReadBounded(content, limits.MaxBytes);
        if (bytes is null)
        {
            return new TableError.TooLarge(limits.MaxBytes + 1, limits.MaxBytes);
        }

        if (bytes.Length == 0)
        {
            return new TableError.Empty();
        }

        return extension == ".xlsx" ? ReadXlsx(bytes, limits) : ReadCsv(bytes, Path.GetFileName(fileName!), limits);
    }

    private static byte[]? ReadBounded(Stream content, long max) => BoundedStream.ReadAll(content, max);

    private static Result<IReadOnlyList<RawTable>> ReadCsv(byte[] bytes, string name, TableReadLimits limits)
    {
        var decoded = Decode(bytes);
        if (!decoded.IsSuccess)
        {
            return decoded.Error!;
        }

        var text = decoded.Value;
        var records = new List<(int Line, List<string> Cells)>();
        var delimiter = DetectDelimiter(text);
        var cells = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoteLine = 0;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when !fieldStarted || field.Length == 0:
                    inQuotes = true;
                    quoteLine = line;
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(field.ToString());
                    records.Add((recordLine, cells));
                    cells = [];
                    field.Clear();
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (ch == delimiter)
                    {
                        cells.Add(field.ToString());
                        field.Clear();
                        fieldStarted = false;
                    }
                    else
                    {
                        field.Append(ch);
                        fieldStarted = true;
                    }

                    break;
            }

            if (field.Length > limits.MaxCellLength)
            {
                return new TableError.CellTooLong(name, recordLine, limits.MaxCellLength);
            }
        }

        if (inQuotes)
        {
            return new TableError.UnclosedQuote(quoteLine);
        }

        if (field.Length > 0 || cells.Count > 0)
        {
            cells.Add(field.ToString());
            records.Add((recordLine, cells));
        }

        return Build(name, records, limits);
    }

    private static Result<IReadOnlyList<RawTable>> Build(string name, List<(int Line, List<string> Cells)> records, TableReadLimits limits)
    {
        var nonBlank = records.Where(r => r.Cells.Any(c => c.Trim().Length > 0)).ToList();
        if (nonBlank.Count == 0)
        {
            return new TableError.NoHeader(name);
        }

        var header = nonBlank[0];
        if (header.Cells.Count > limits.MaxColumns)
        {
            return new TableError.TooManyColumns(name, limits.MaxColumns);
        }

        if (nonBlank.Count - 1 > limits.MaxRows)
        {
            return new TableError.TooManyRows(name, limits.MaxRows);
        }

        var rows = nonBlank.Skip(1).Select(r => new RawRow(r.Line, r.Cells.Select(c => (string?)c).ToList())).ToList();
        return new List<RawTable> { new(name, header.Cells.Select(h => h.Trim()).ToList(), rows) };
    }

    /// <summary>UTF-8 (with or without BOM) or UTF-16 with a BOM; UTF-16 without a BOM is named as such; anything else is an encoding error naming the first bad byte.</summary>
    private static Result<string> Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (TextSniff.LooksLikeUtf16WithoutBom(bytes))
        {
            return new TableError.Utf16WithoutBom();
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var span = bytes.AsSpan(start);
        var offset = 0;
        var line = 1;
        while (offset < span.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span[offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return new TableError.InvalidEncoding(line, start + offset);
            }

            if (rune.Value == '\n')
            {
                line++;
            }

            offset += consumed;
        }

        return Encoding.UTF8.GetString(span);
    }

    /// <summary>Comma, semicolon (European spreadsheet exports) or tab: whichever occurs most in the first line outside quotes.</summary>
    private static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (ch == '\n')
                {
                    break;
                }

                commas += ch == ',' ? 1 : 0;
                semicolons += ch == ';' ? 1 : 0;
                tabs += ch == '\t' ? 1 : 0;
            }
        }

        return tabs > 0 && tabs >= commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static Result<IReadOnlyList<RawTable>> ReadXlsx(byte[] bytes, TableReadLimits limits)
    {
        try
        {
            // Inflate every part into a counter first: the OpenXml DOM costs ~30 bytes of memory per byte of XML, so a
            // small upload that unpacks to 64 MB took 54 s and 2.2 GB before this check existed.
            var check = ZipGuard.Check(bytes, limits.MaxArchiveEntries, limits.MaxUncompressedBytes, limits.MaxCompressionRatio);
            switch (check.Refusal)
            {
                case ZipRefusal.TooManyEntries:
                    return new TableError.ArchiveTooManyParts(limits.MaxArchiveEntries);
                case ZipRefusal.TooLarge:
                    return new TableError.ArchiveTooLarge(limits.MaxUncompressedBytes);
                case ZipRefusal.SuspiciousCompression:
                    return new TableError.SuspiciousCompression(check.Entry!, limits.MaxCompressionRatio);
                case null:
                    break;
            }

            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            var dateStyles = DateStyleIndexes(workbook);
            var tables = new List<RawTable>();
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Id?.Value is not { } relId || workbook.GetPartById(relId) is not WorksheetPart part)
                {
                    continue;
                }

                var name = sheet.Name?.Value ?? "Sheet";
                var records = new List<(int Line, List<string> Cells)>();
                foreach (var row in part.Worksheet.Descendants<Row>())
                {
                    var cells = new List<string>();
                    foreach (var cell in row.Elements<Cell>())
                    {
                        var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                        if (column >= limits.MaxColumns)
                        {
                            return new TableError.TooManyColumns(name, limits.MaxColumns);
                        }

                        while (cells.Count < column)
                        {
                            cells.Add("");
                        }

                        var value = CellText(cell, shared, dateStyles);
                        if (value.Length > limits.MaxCellLength)
                        {
                            return new TableError.CellTooLong(name, (int)(row.RowIndex?.Value ?? 0), limits.MaxCellLength);
                        }

                        cells.Add(value);
                    }

                    records.Add(((int)(row.RowIndex?.Value ?? (uint)(records.Count + 1)), cells));
                    if (records.Count > limits.MaxRows + 1)
                    {
                        return new TableError.TooManyRows(name, limits.MaxRows);
                    }
                }

                if (records.Count == 0)
                {
                    continue;
                }

                var built = Build(name, records, limits);
                if (!built.IsSuccess)
                {
                    return built.Error!;
                }

                var table = built.Value[0];
                var width = table.Headers.Count;
                tables.Add(table with { Rows = table.Rows.Select(r => r with { Cells = r.Cells.Concat(Enumerable.Repeat<string?>(null, Math.Max(0, width - r.Cells.Count))).ToList() }).ToList() });
            }

            return tables.Count == 0 ? new TableError.NoHeader("workbook") : tables;
        }
        catch (Exception ex) when (ex is InvalidDataException or OpenXmlPackageException or System.Xml.XmlException or IOException or FormatException or InvalidOperationException)
        {
            return new TableError.CorruptWorkbook(ex.GetType().Name);
        }
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return index - 1;
    }

    /// <summary>Cell style indexes whose number format is a date (built-in 14–22, 45–47, or a custom format with d/m/y and no time-only pattern).</summary>
    private static HashSet<uint> DateStyleIndexes(WorkbookPart workbook)
    {
        var result = new HashSet<uint>();
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is null)
        {
            return result;
        }

        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint i = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47 ||
                (custom.TryGetValue(id, out var code) && code.Any(c => c is 'd' or 'y') && code.Contains('m', StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(i);
            }

            i++;
        }

        return result;
    }

    private static string CellText(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= 0 && s < shared.Length ? shared[s] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        if ((type is null || type == CellValues.Number) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && number is > 0 and < 2958466)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(number)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            return number == Math.Floor(number) && Math.Abs(number) < 1e15
                ? number.ToString("0", CultureInfo.InvariantCulture)
                : number.ToString("R", CultureInfo.InvariantCulture);
        }

        return raw;
    }
}
