using System.IO.Compression;
using System.Text;
using Belonging.Core.TextAudit;
using Belonging.Formats.Documents;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Belonging.Data.Tests.Formats.Documents;

public sealed class DocumentReaderTests
{
    private static readonly DocumentReadLimits Limits = new();

    private static IReadOnlyList<ExtractedDocument> ReadOk(byte[] bytes, string name, DocumentReadLimits? limits = null)
    {
        var result = DocumentReader.Read(new MemoryStream(bytes), name, limits ?? Limits);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static DocumentError ReadError(byte[] bytes, string name, DocumentReadLimits? limits = null)
    {
        var result = DocumentReader.Read(new MemoryStream(bytes), name, limits ?? Limits);
        Assert.False(result.IsSuccess);
        return Assert.IsAssignableFrom<DocumentError>(result.Error);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p))))));
        }

        return stream.ToArray();
    }

    private static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 700.0;
        foreach (var line in lines)
        {
            page.AddText(line, 12, new PdfPoint(40, y), font);
            y -= 20;
        }

        return builder.Build();
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public void Read_MarkdownAndText_Unchanged()
    {
        var md = Assert.Single(ReadOk(Utf8("# Leave\n\nThe chairman approves.\n"), "leave.md"));
        Assert.Equal(("leave.md", "# Leave\n\nThe chairman approves.\n", TextKind.Markdown), (md.Name, md.Text, md.Kind));
        Assert.Equal(TextKind.PlainText, Assert.Single(ReadOk(Utf8("\uFEFFplain"), "a.TXT")).Kind);
        Assert.Equal("plain", Assert.Single(ReadOk(Utf8("\uFEFFplain"), "a.txt")).Text);
    }

    [Fact]
    public void Read_TextInUtf16WithoutBom_SaysUtf16()
    {
        var error = Assert.IsType<DocumentError.Utf16WithoutBom>(ReadError(Encoding.Unicode.GetBytes("# Handbook\nWe welcome everyone.\n"), "handbook.md"));
        Assert.Contains("looks like UTF-16 text without a byte-order mark; save it as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Html_TextWithoutMarkupScriptsOrComments()
    {
        const string html = "<html><head><title>T</title><style>p{color:red}</style></head><body><h1>Hiring</h1><!-- whitelist --><p>We want a <b>native&nbsp;English</b> speaker &amp; more.</p><script>var manpower = 1;</script><ul><li>One</li><li>Two</li></ul></body></html>";
        var text = Assert.Single(ReadOk(Utf8(html), "ad.html")).Text;
        Assert.Equal("Hiring\nWe want a native English speaker & more.\nOne\nTwo", text);
    }

    [Fact]
    public void Read_Docx_OneLinePerParagraph()
    {
        var doc = Assert.Single(ReadOk(Docx("Parental leave", "Maternity leave is 12 weeks."), "policy.docx"));
        Assert.Equal(("Parental leave\nMaternity leave is 12 weeks.", TextKind.PlainText), (doc.Text, doc.Kind));
    }

    [Fact]
    public void Read_Pdf_ExtractsText()
    {
        var text = Assert.Single(ReadOk(Pdf("We are a young and dynamic team.", "Apply now."), "ad.pdf")).Text;
        Assert.Contains("young and dynamic team", text, StringComparison.Ordinal);
        Assert.Contains("Apply now.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Zip_SupportedEntriesInOrder_OthersSkipped()
    {
        var zip = Zip(("handbook/leave.md", Utf8("# Leave")), ("handbook/logo.png", [1, 2, 3]), ("__MACOSX/handbook/._leave.md", [0]), ("ads/ad.docx", Docx("Native speaker wanted")), ("inner.zip", Zip(("x.md", Utf8("x")))));
        var documents = ReadOk(zip, "policies.zip");
        Assert.Equal(["policies.zip/handbook/leave.md", "policies.zip/ads/ad.docx"], documents.Select(d => d.Name));
        Assert.Equal("Native speaker wanted", documents[1].Text);
    }

    [Fact]
    public void Read_100MegabyteFile_RefusedWithoutReadingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"belonging-100mb-{Environment.ProcessId}.txt");
        try
        {
            using (var file = File.Create(path))
            {
                file.SetLength(100L * 1024 * 1024);
            }

            using var stream = File.OpenRead(path);
            var result = DocumentReader.Read(stream, "huge.txt", Limits);
            var error = Assert.IsType<DocumentError.TooLarge>(result.Error);
            Assert.Equal("document.too_large", error.Code);
            Assert.Equal(0, stream.Position);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_100MegabyteUnseekableStream_StopsAtTheLimit()
    {
        using var stream = new EndlessStream(100L * 1024 * 1024);
        Assert.IsType<DocumentError.TooLarge>(DocumentReader.Read(stream, "huge.md", Limits).Error);
        Assert.InRange(stream.Served, Limits.MaxBytes, Limits.MaxBytes + 81920);
    }

    [Fact]
    public void Read_ZipBomb_RefusedByCompressionRatio()
    {
        // 50 MB of zeros packs to ~50 KB: a ratio of ~1000, far beyond anything a real document has.
        var bomb = Zip(("policy.md", new byte[50 * 1024 * 1024]));
        Assert.True(bomb.Length < 200_000);
        var error = Assert.IsType<DocumentError.SuspiciousCompression>(ReadError(bomb, "bomb.zip"));
        Assert.Equal("document.suspicious_compression", error.Code);
    }

    [Fact]
    public void Read_ZipBomb_RefusedByTotalSize()
    {
        var many = Enumerable.Range(0, 12).Select(i => ($"p{i}.md", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 120_000).Select(n => n.ToString("x5", System.Globalization.CultureInfo.InvariantCulture)))))).ToArray();
        var limits = new DocumentReadLimits(MaxUncompressedBytes: 5 * 1024 * 1024);
        Assert.IsType<DocumentError.ArchiveTooLarge>(ReadError(Zip(many), "many.zip", limits));
    }

    [Fact]
    public void Read_ZipWithTooManyEntries_Refused()
    {
        var entries = Enumerable.Range(0, 1_001).Select(i => ($"e{i}.md", Utf8("x"))).ToArray();
        Assert.IsType<DocumentError.ArchiveTooManyEntries>(ReadError(Zip(entries), "many.zip"));
    }

    [Fact]
    public void Read_DocxBomb_Refused()
    {
        var docx = Docx("Hello");
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/media/padding.bin", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[30 * 1024 * 1024]);
        }

        Assert.IsType<DocumentError.SuspiciousCompression>(ReadError(stream.ToArray(), "bomb.docx"));
    }

    [Fact]
    public void Read_PdfWithBrokenXref_RecoveredByObjectScan()
    {
        var pdf = Pdf("Manpower planning is reviewed yearly.");
        var text = Encoding.Latin1.GetString(pdf);
        var xref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        Assert.True(xref > 0);
        // Point startxref at a wrong offset and scramble the xref table's offsets.
        var broken = text[..xref] + "startxref\n999999\n%%EOF";
        broken = broken.Replace(" 00000 n", " 99999 n", StringComparison.Ordinal);
        // PdfPig ignores the broken cross-reference table and finds the objects by scanning: the text is still right.
        var document = Assert.Single(ReadOk(Encoding.Latin1.GetBytes(broken), "broken-xref.pdf"));
        Assert.Contains("Manpower planning is reviewed yearly.", document.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nxref\n0 3\ngarbage\ntrailer << /Root 1 0 R >>\nstartxref\n42\n%%EOF")]
    [InlineData("%PDF-1.4\n")]
    [InlineData("not a pdf at all")]
    public void Read_BrokenPdf_CorruptError(string content)
    {
        var error = Assert.IsType<DocumentError.Corrupt>(ReadError(Encoding.Latin1.GetBytes(content), "broken.pdf"));
        Assert.Contains("could not be read as a PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedPdf_CorruptErrorNamingTheProblem()
    {
        var pdf = Pdf("Hello world");
        var error = Assert.IsType<DocumentError.Corrupt>(ReadError(pdf[..(pdf.Length / 2)], "half.pdf"));
        Assert.Contains("xref", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8_ErrorWithLineAndOffset()
    {
        var bytes = Utf8("line one\nline two caf").Concat(new byte[] { 0xE9, 0x0A }).ToArray();
        var error = Assert.IsType<DocumentError.InvalidEncoding>(ReadError(bytes, "latin1.md"));
        Assert.Equal((2, 21L), (error.Line, error.ByteOffset));
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy.docx")]
    [InlineData("policy.zip")]
    public void Read_GarbageArchive_CorruptError(string name) =>
        Assert.IsType<DocumentError.Corrupt>(ReadError(Utf8("PK\u0003\u0004 this is not really a zip"), name));

    [Fact]
    public void Read_UnsupportedOrEmpty_TypedErrors()
    {
        Assert.IsType<DocumentError.UnsupportedType>(ReadError(Utf8("x"), "policy.exe"));
        Assert.IsType<DocumentError.Empty>(ReadError([], "policy.md"));
    }

    /// <summary>A non-seekable stream of zeros that counts what it served (never allocates the whole length).</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Served);
            Array.Clear(buffer, offset, n);
            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
