using System.Globalization;
using Belonging.Core;

namespace Belonging.Formats.Documents;

/// <summary>Why a document could not be read. Every message says what to do.</summary>
public abstract record DocumentError(string Code, string Message) : Error(Code, Message)
{
    public sealed record TooLarge(string FileName, long Limit)
        : DocumentError("document.too_large", string.Create(CultureInfo.InvariantCulture, $"\"{FileName}\" is larger than {Limit / 1048576.0:0.#} MB. Split it into smaller documents."));

    public sealed record Empty(string FileName) : DocumentError("document.empty", $"\"{FileName}\" is empty.");

    public sealed record UnsupportedType(string FileName)
        : DocumentError("document.unsupported_type", $"\"{FileName}\" is not a supported document. Use Markdown (.md), text (.txt), HTML (.html), Word (.docx), PDF (.pdf) or a .zip of those.");

    public sealed record InvalidEncoding(string FileName, int Line, long ByteOffset)
        : DocumentError("document.invalid_encoding", string.Create(CultureInfo.InvariantCulture, $"\"{FileName}\" is not valid UTF-8 text (first bad byte at offset {ByteOffset}, line {Line}). Save it as UTF-8 and try again."));

    public sealed record Utf16WithoutBom(string FileName)
        : DocumentError("document.utf16_without_bom", $"\"{FileName}\" looks like UTF-16 text without a byte-order mark; save it as UTF-8 and try again.");

    public sealed record Corrupt(string FileName, string Format, string Detail)
        : DocumentError("document.corrupt", $"\"{FileName}\" could not be read as {Format} ({Detail}). Open it in its program and save or export it again.");

    public sealed record ArchiveTooLarge(string FileName, long Limit)
        : DocumentError("document.archive_too_large", string.Create(CultureInfo.InvariantCulture, $"\"{FileName}\" unpacks to more than {Limit / 1048576} MB; it was not opened. Upload fewer documents at a time."));

    public sealed record ArchiveTooManyEntries(string FileName, int Limit)
        : DocumentError("document.archive_too_many_entries", string.Create(CultureInfo.InvariantCulture, $"\"{FileName}\" has more than {Limit} entries; it was not opened."));

    public sealed record SuspiciousCompression(string FileName, string Entry, int Limit)
        : DocumentError("document.suspicious_compression", string.Create(CultureInfo.InvariantCulture, $"\"{Entry}\" in \"{FileName}\" unpacks to more than {Limit} times its packed size, which real documents never do; the archive was not opened."));

    public sealed record TooMuchText(string FileName, int Limit)
        : DocumentError("document.too_much_text", string.Create(CultureInfo.InvariantCulture, $"\"{FileName}\" holds more than {Limit:N0} characters of text. Split it into smaller documents."));
}
