using System.IO.Compression;
using System.Text;
using Belonging.Core;
using Belonging.Core.TextAudit;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace Belonging.Formats.Documents;

/// <summary>
/// Extracts text from policy documents: Markdown, plain text, HTML, DOCX, PDF, and zip archives of those. Every failure is
/// a <see cref="DocumentError"/> value: oversized files, zip bombs (total size, entry count, compression ratio — measured
/// while unpacking, not trusted from the headers), invalid UTF-8 and broken DOCX or PDF never throw.
/// </summary>
public static class DocumentReader
{
    /// <summary>File extensions this reader accepts (lower case, with the dot).</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>([".md", ".markdown", ".txt", ".text", ".html", ".htm", ".docx", ".pdf", ".zip"], StringComparer.Ordinal);

    /// <summary>Reads a document (or every supported document in a zip).</summary>
    /// <param name="content">The file's bytes; at most <see cref="DocumentReadLimits.MaxBytes"/> + 1 bytes are read.</param>
    /// <param name="fileName">The file name; its extension selects the format.</param>
    /// <param name="limits">Bounds.</param>
    /// <returns>One document (several for a zip, in entry order; unsupported entries are skipped), or the first error.</returns>
    public static Result<IReadOnlyList<ExtractedDocument>> Read(Stream content, string fileName, DocumentReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return new DocumentError.UnsupportedType(fileName);
        }

        if (content.CanSeek && content.Length - content.Position > limits.MaxBytes)
        {
            return new DocumentError.TooLarge(fileName, limits.MaxBytes);
        }

        var bytes = ReadBounded(content, limits.MaxBytes);
        if (bytes is null)
        {
            return new DocumentError.TooLarge(fileName, limits.MaxBytes);
        }

        if (bytes.Length == 0)
        {
            return new DocumentError.Empty(fileName);
        }

        if (extension == ".zip")
        {
            return ReadZip(bytes, fileName, limits);
        }

        var one = ReadOne(bytes, fileName, extension, limits);
        return one.IsSuccess ? new[] { one.Value } : one.Error!;
    }

    private static Result<ExtractedDocument> ReadOne(byte[] bytes, string name, string extension, DocumentReadLimits limits)
    {
        Result<ExtractedDocument> result = extension switch
        {
            ".md" or ".markdown" => Text(bytes, name, limits, TextKind.Markdown, s => s),
            ".txt" or ".text" => Text(bytes, name, limits, TextKind.PlainText, s => s),
            ".html" or ".htm" => Text(bytes, name, limits, TextKind.PlainText, HtmlText.Extract),
            ".docx" => Docx(bytes, name, limits),
            ".pdf" => Pdf(bytes, name),
            _ => new DocumentError.UnsupportedType(name),
        };
        if (result.IsSuccess && result.Value.Text.Length > limits.MaxCharacters)
        {
            return new DocumentError.TooMuchText(name, limits.MaxCharacters);
        }

        return result;
    }

    private static byte[]? ReadBounded(Stream content, long max) => BoundedStream.ReadAll(content, max);

    private static Result<ExtractedDocument> Text(byte[] bytes, string name, DocumentReadLimits limits, TextKind kind, Func<string, string> transform)
    {
        var decoded = Decode(bytes, name);
        if (!decoded.IsSuccess)
        {
            return decoded.Error!;
        }

        return decoded.Value.Length > limits.MaxCharacters
            ? new DocumentError.TooMuchText(name, limits.MaxCharacters)
            : new ExtractedDocument(name, transform(decoded.Value), kind);
    }

    /// <summary>Strict UTF-8 (BOM optional; UTF-16 with a BOM accepted, without one named as such): the first invalid byte is reported with its line.</summary>
    private static Result<string> Decode(byte[] bytes, string name)
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
            return new DocumentError.Utf16WithoutBom(name);
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var span = bytes.AsSpan(start);
        var offset = 0;
        var line = 1;
        while (offset < span.Length)
        {
            var status = Rune.DecodeFromUtf8(span[offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return new DocumentError.InvalidEncoding(name, line, start + offset);
            }

            if (rune.Value == '\n')
            {
                line++;
            }

            offset += consumed;
        }

        return Encoding.UTF8.GetString(span);
    }

    /// <summary>Unpacks every entry with running totals, so lying headers cannot smuggle a bomb past the limits.</summary>
    private static Result<List<(string Name, byte[] Bytes)>> Unpack(byte[] bytes, string name, DocumentReadLimits limits, Func<string, bool> wanted)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxArchiveEntries)
            {
                return new DocumentError.ArchiveTooManyEntries(name, limits.MaxArchiveEntries);
            }

            var entries = new List<(string, byte[])>();
            long total = 0;
            var chunk = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || !wanted(entry.FullName))
                {
                    continue;
                }

                using var stream = entry.Open();
                using var unpacked = new MemoryStream();
                int read;
                while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    total += read;
                    if (total > limits.MaxUncompressedBytes)
                    {
                        return new DocumentError.ArchiveTooLarge(name, limits.MaxUncompressedBytes);
                    }

                    if (unpacked.Length + read > 1024 * 1024 && unpacked.Length + read > (Math.Max(entry.CompressedLength, 1) * limits.MaxCompressionRatio))
                    {
                        return new DocumentError.SuspiciousCompression(name, entry.FullName, limits.MaxCompressionRatio);
                    }

                    unpacked.Write(chunk, 0, read);
                }

                entries.Add((entry.FullName, unpacked.ToArray()));
            }

            return entries;
        }
        catch (InvalidDataException e)
        {
            return new DocumentError.Corrupt(name, "a zip archive", e.Message);
        }
    }

    private static Result<IReadOnlyList<ExtractedDocument>> ReadZip(byte[] bytes, string name, DocumentReadLimits limits)
    {
        static bool Supported(string entry)
        {
            var extension = Path.GetExtension(entry).ToLowerInvariant();
            return Extensions.Contains(extension) && extension != ".zip" && !entry.StartsWith("__MACOSX/", StringComparison.Ordinal)
                && !Path.GetFileName(entry).StartsWith("._", StringComparison.Ordinal);
        }

        var unpacked = Unpack(bytes, name, limits, Supported);
        if (!unpacked.IsSuccess)
        {
            return unpacked.Error!;
        }

        var documents = new List<ExtractedDocument>();
        foreach (var (entry, content) in unpacked.Value)
        {
            var entryName = name + "/" + entry;
            if (content.Length > limits.MaxBytes)
            {
                return new DocumentError.TooLarge(entryName, limits.MaxBytes);
            }

            if (content.Length == 0)
            {
                continue;
            }

            var one = ReadOne(content, entryName, Path.GetExtension(entry).ToLowerInvariant(), limits);
            if (!one.IsSuccess)
            {
                return one.Error!;
            }

            documents.Add(one.Value);
        }

        return documents;
    }

    private static Result<ExtractedDocument> Docx(byte[] bytes, string name, DocumentReadLimits limits)
    {
        try
        {
            // A DOCX is a zip: inflate it into a counter (keeping nothing) before OpenXml unpacks anything.
            var check = ZipGuard.Check(bytes, limits.MaxArchiveEntries, limits.MaxUncompressedBytes, limits.MaxCompressionRatio);
            switch (check.Refusal)
            {
                case ZipRefusal.TooManyEntries:
                    return new DocumentError.ArchiveTooManyEntries(name, limits.MaxArchiveEntries);
                case ZipRefusal.TooLarge:
                    return new DocumentError.ArchiveTooLarge(name, limits.MaxUncompressedBytes);
                case ZipRefusal.SuspiciousCompression:
                    return new DocumentError.SuspiciousCompression(name, check.Entry!, limits.MaxCompressionRatio);
                case null:
                    break;
            }

            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("it has no document body");
            var text = string.Join('\n', body.Descendants<WordParagraph>().Select(p => p.InnerText));
            return new ExtractedDocument(name, text, TextKind.PlainText);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or InvalidOperationException or System.Xml.XmlException or FileFormatException or NotSupportedException)
        {
            return new DocumentError.Corrupt(name, "a Word document", e.Message);
        }
    }

    private static Result<ExtractedDocument> Pdf(byte[] bytes, string name)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            var pages = new List<string>();
            foreach (var page in document.GetPages())
            {
                pages.Add(ContentOrderTextExtractor.GetText(page));
            }

            return new ExtractedDocument(name, string.Join("\n\n", pages), TextKind.PlainText);
        }
#pragma warning disable CA1031 // PdfPig throws many exception types on malformed files (parse, xref, font, stack); every one means "not a readable PDF", and the upload must never crash.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return new DocumentError.Corrupt(name, "a PDF", e.Message);
        }
    }
}
