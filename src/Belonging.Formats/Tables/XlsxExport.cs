using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Belonging.Formats.Tables;

/// <summary>
/// Writes a one-sheet XLSX workbook with DocumentFormat.OpenXml. Cells that parse as finite invariant numbers are written
/// as numbers; everything else, including "NaN", "Infinity" and values like "1e400" that overflow to infinity, is written
/// as an inline string (never a formula): a number cell holding NaN or INF makes Excel report the workbook as corrupt.
/// </summary>
public static class XlsxExport
{
    /// <summary>Writes the header row and data rows.</summary>
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(RowOf(headers));
            foreach (var r in rows)
            {
                data.Append(RowOf(r));
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }

        return ms.ToArray();
    }

    private static Row RowOf(IEnumerable<string?> values)
    {
        var row = new Row();
        foreach (var v in values)
        {
            if (v is null)
            {
                row.Append(new Cell());
            }
            else if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                row.Append(new Cell { DataType = CellValues.Number, CellValue = new CellValue(v) });
            }
            else
            {
                row.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v) { Space = SpaceProcessingModeValues.Preserve }) });
            }
        }

        return row;
    }
}
