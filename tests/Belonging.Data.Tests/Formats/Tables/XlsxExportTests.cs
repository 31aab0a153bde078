using Belonging.Formats.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Belonging.Data.Tests.Formats.Tables;

public sealed class XlsxExportTests
{
    private static List<Cell> DataCells(byte[] workbook)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = doc.WorkbookPart!.WorksheetParts.Single();
        return part.Worksheet.Descendants<Row>().Skip(1).Single().Elements<Cell>().ToList();
    }

    /// <summary>Issue 10: "NaN" was written as a number cell, which Excel refuses to open.</summary>
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void Write_NonFiniteNumberText_WrittenAsTextCell(string value)
    {
        var cell = Assert.Single(DataCells(XlsxExport.Write("Results", ["score"], [[value]])));

        Assert.Equal(CellValues.InlineString, cell.DataType?.Value);
        Assert.Null(cell.CellValue);
        Assert.Equal(value, cell.InlineString?.InnerText);
    }

    [Fact]
    public void Write_FiniteNumbers_StayNumberCells()
    {
        var cells = DataCells(XlsxExport.Write("Results", ["a", "b", "c"], [["3.5", "-12", "1e3"]]));

        Assert.All(cells, c => Assert.Equal(CellValues.Number, c.DataType?.Value));
        Assert.Equal(["3.5", "-12", "1e3"], cells.Select(c => c.CellValue!.Text));
    }
}
