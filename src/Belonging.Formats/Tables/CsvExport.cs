using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Belonging.Formats.Tables;

/// <summary>Writes RFC 4180 CSV (UTF-8 with BOM so spreadsheet tools detect the encoding), neutralising formula injection.</summary>
public static class CsvExport
{
    /// <summary>Writes a header row and data rows. Cells starting with = + - @ tab or CR are prefixed with an apostrophe so spreadsheets never evaluate them.</summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var ms = new MemoryStream();
        using (var writer = new StreamWriter(ms, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }))
        {
            foreach (var h in headers)
            {
                csv.WriteField(Neutralise(h));
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Neutralise(cell));
                }

                csv.NextRecord();
            }
        }

        return ms.ToArray();
    }

    /// <summary>Prefixes values a spreadsheet would treat as a formula; plain invariant numbers such as -3.5 stay numbers.</summary>
    public static string Neutralise(string? value) =>
        value is { Length: > 0 } v && "=+-@\t\r".Contains(v[0], StringComparison.Ordinal)
            && !(v[0] == '-' && double.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _))
            ? "'" + v
            : value ?? "";
}
