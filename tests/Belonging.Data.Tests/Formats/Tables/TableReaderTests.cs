using System.IO.Compression;
using System.Text;
using Belonging.Core.Organisation;
using Belonging.Formats.Tables;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Belonging.Data.Tests.Formats.Tables;

public sealed class TableReaderTests
{
    private static readonly TableReadLimits Limits = new();

    private static IReadOnlyList<RawTable> ReadOk(byte[] bytes, string name, TableReadLimits? limits = null)
    {
        var result = TableReader.Read(new MemoryStream(bytes), name, limits ?? Limits);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static TableError ReadError(byte[] bytes, string name, TableReadLimits? limits = null)
    {
        var result = TableReader.Read(new MemoryStream(bytes), name, limits ?? Limits);
        Assert.False(result.IsSuccess);
        return Assert.IsAssignableFrom<TableError>(result.Error);
    }

    private const string Csv = "employee_id,name,email\r\nE1,\"Doe, Jane\",jane@x.example\r\n\r\nE2,\"Says \"\"hi\"\"\",two@x.example\r\n";

    [Fact]
    public void Read_CsvUtf8WithBomQuotesAndBlankLine_KeepsRowNumbers()
    {
        var table = Assert.Single(ReadOk([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Csv)], "people.csv"));
        Assert.Equal(["employee_id", "name", "email"], table.Headers);
        Assert.Equal([2, 4], table.Rows.Select(r => r.RowNumber));
        Assert.Equal("Doe, Jane", table.Rows[0].Cells[1]);
        Assert.Equal("Says \"hi\"", table.Rows[1].Cells[1]);
    }

    [Fact]
    public void Read_CsvUtf16WithBom_Decodes()
    {
        var table = Assert.Single(ReadOk([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("id;name\nE1;Zoë Łukasz\n")], "people.csv"));
        Assert.Equal("Zoë Łukasz", table.Rows[0].Cells[1]);
    }

    /// <summary>Issue 10: this used to decode as UTF-8 with NULs, and the roster import then said a column was missing.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_CsvUtf16WithoutBom_SaysUtf16NotMissingColumn(bool bigEndian)
    {
        var bytes = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes(Csv);
        var error = Assert.IsType<TableError.Utf16WithoutBom>(ReadError(bytes, "people.csv"));
        Assert.Contains("looks like UTF-16 text without a byte-order mark; save it as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvUtf8WithNonLatinNames_NotMistakenForUtf16() =>
        Assert.Equal("Ярослава", ReadOk(Encoding.UTF8.GetBytes("employee_id,name\nE1,Ярослава\nE2,李小龍\n"), "people.csv")[0].Rows[0].Cells[1]);

    [Fact]
    public void Read_SemicolonAndTabDelimiters_Detected()
    {
        Assert.Equal(["a", "b"], ReadOk(Encoding.UTF8.GetBytes("a;b\n1;2\n"), "x.csv")[0].Headers);
        Assert.Equal(["a", "b,c"], ReadOk(Encoding.UTF8.GetBytes("a\tb,c\n1\t2\n"), "x.csv")[0].Headers);
    }

    [Fact]
    public void Read_InvalidUtf8_NamesLineAndOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("id,name\nE1,ok\nE2,caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
        var error = Assert.IsType<TableError.InvalidEncoding>(ReadError(bytes, "latin1.csv"));
        Assert.Equal(3, error.Line);
        Assert.Equal(bytes.Length - 2, error.ByteOffset);
        Assert.Contains("CSV UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesStartLine()
    {
        var error = Assert.IsType<TableError.UnclosedQuote>(ReadError(Encoding.UTF8.GetBytes("id,name\nE1,ok\nE2,\"never closed\nE3,x\n"), "q.csv"));
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_FiftyMegabyteFile_RefusedWithoutReadingIt()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var fs = File.OpenWrite(path))
            {
                fs.SetLength(50L * 1024 * 1024);
            }

            using var stream = File.OpenRead(path);
            var result = TableReader.Read(stream, "huge.csv", Limits);
            var error = Assert.IsType<TableError.TooLarge>(result.Error);
            Assert.Contains("50.0 MB", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, stream.Position);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NonSeekableStreamOverLimit_Refused()
    {
        var limits = new TableReadLimits(MaxBytes: 1000);
        using var pipe = new NonSeekable(new MemoryStream(new byte[5000]));
        Assert.IsType<TableError.TooLarge>(TableReader.Read(pipe, "x.csv", limits).Error);
    }

    [Fact]
    public void Read_WrongExtension_Refused() =>
        Assert.IsType<TableError.UnsupportedType>(ReadError([1, 2, 3], "roster.pdf"));

    [Fact]
    public void Read_Xlsx_SharedStringsNumbersDatesAndSheets()
    {
        var bytes = Workbook(("People", [["employee_id", "name", "start_date", "level"], ["1001", "Ann", new DateOnly(2021, 3, 15), 3.0]]), ("Units", [["unit_id", "name"], ["T1", "Team 1"]]));
        var tables = ReadOk(bytes, "roster.xlsx");
        Assert.Equal(["People", "Units"], tables.Select(t => t.Name));
        Assert.Equal(["1001", "Ann", "2021-03-15", "3"], tables[0].Rows[0].Cells);
        Assert.Equal(2, tables[0].Rows[0].RowNumber);
    }

    [Fact]
    public void Read_ZipBomb_RefusedBeforeOpening()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                entry.Write(zeros);
            }
        }

        var bytes = ms.ToArray();
        Assert.True(bytes.Length < 1_000_000);
        var error = ReadError(bytes, "bomb.xlsx", new TableReadLimits(MaxUncompressedBytes: 16L * 1024 * 1024, MaxCompressionRatio: 100_000));
        Assert.IsType<TableError.ArchiveTooLarge>(error);
    }

    /// <summary>Issue 10: a ~200 KB workbook whose sheet unpacks to 64 MB (under the total limit) took 54 s and 2.2 GB.</summary>
    [Fact]
    public void Read_XlsxWhoseSheetUnpacksTo64MB_RefusedByCompressionRatioWithoutParsing()
    {
        var bomb = XlsxBomb(64L * 1024 * 1024);
        Assert.True(bomb.Length < 400_000, $"bomb is {bomb.Length} bytes");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadError(bomb, "roster.xlsx");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var refused = Assert.IsType<TableError.SuspiciousCompression>(error);
        Assert.Contains("worksheets/", refused.Part, StringComparison.Ordinal);
        Assert.Contains("100 times its packed size", refused.Message, StringComparison.Ordinal);
        // Parsing would allocate gigabytes; the guard inflates into one reused buffer.
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void ZipGuard_LimitOnTotal_NeverInflatesMoreThanTheLimitPlusOneChunk()
    {
        var bomb = XlsxBomb(64L * 1024 * 1024);
        const long limit = 8L * 1024 * 1024;

        var check = Belonging.Formats.ZipGuard.Check(bomb, maxEntries: 100, maxUncompressedBytes: limit, maxCompressionRatio: 100_000);

        Assert.Equal(Belonging.Formats.ZipRefusal.TooLarge, check.Refusal);
        Assert.InRange(check.InflatedBytes, limit + 1, limit + 81_920);
    }

    [Fact]
    public void Read_XlsxWithTooManyParts_RefusedWithPartsMessage()
    {
        var bytes = Workbook(("People", [["employee_id"], ["1"]]));
        var error = ReadError(bytes, "roster.xlsx", new TableReadLimits(MaxArchiveEntries: 2));
        Assert.Contains("more than 2 parts", Assert.IsType<TableError.ArchiveTooManyParts>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OrdinaryWorkbook_PassesTheGuard()
    {
        var rows = new List<object[]> { new object[] { "employee_id", "name", "level" } };
        rows.AddRange(Enumerable.Range(1, 20_000).Select(i => new object[] { $"E{i}", $"Person {i}", (double)(i % 7) }));
        var table = Assert.Single(ReadOk(Workbook(("People", rows.ToArray())), "roster.xlsx"));
        Assert.Equal(20_000, table.Rows.Count);
    }

    /// <summary>A valid workbook whose worksheet part is <paramref name="sheetBytes"/> of repeated one-cell rows.</summary>
    private static byte[] XlsxBomb(long sheetBytes)
    {
        var ms = new MemoryStream();
        ms.Write(Workbook(("People", [["employee_id"], ["1"]])));
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            var head = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>employee_id</x:t></x:is></x:c></x:row>");
            var row = Encoding.UTF8.GetBytes("<x:row><x:c t=\"inlineStr\"><x:is><x:t>1</x:t></x:is></x:c></x:row>");
            var tail = Encoding.UTF8.GetBytes("</x:sheetData></x:worksheet>");
            var block = Enumerable.Repeat(row, 1000).SelectMany(r => r).ToArray();
            stream.Write(head);
            for (long written = head.Length; written < sheetBytes; written += block.Length)
            {
                stream.Write(block);
            }

            stream.Write(tail);
        }

        return ms.ToArray();
    }

    [Fact]
    public void Read_NotAZip_IsCorruptWorkbook() =>
        Assert.IsType<TableError.CorruptWorkbook>(ReadError(Encoding.UTF8.GetBytes("this is not a workbook"), "fake.xlsx"));

    /// <summary>A real XLSX written with DocumentFormat.OpenXml: strings as shared strings, dates with a date style.</summary>
    internal static byte[] Workbook(params (string Name, object[][] Rows)[] sheets)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets());
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var strings = new List<string>();
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var ws = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        var reference = $"{(char)('A' + c)}{r + 1}";
                        row.Append(rows[r][c] switch
                        {
                            string s => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(Index(strings, s)) },
                            DateOnly d => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate()) },
                            double n => new Cell { CellReference = reference, CellValue = new CellValue(n) },
                            _ => throw new ArgumentException("unsupported cell"),
                        });
                    }

                    data.Append(row);
                }

                ws.Worksheet = new Worksheet(data);
                wb.Workbook.Sheets!.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = id++, Name = name });
            }

            foreach (var s in strings)
            {
                sst.SharedStringTable.Append(new SharedStringItem(new Text(s)));
            }
        }

        return ms.ToArray();
    }

    private static int Index(List<string> strings, string s)
    {
        var i = strings.IndexOf(s);
        if (i < 0)
        {
            strings.Add(s);
            i = strings.Count - 1;
        }

        return i;
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
