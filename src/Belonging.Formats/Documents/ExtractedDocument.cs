using Belonging.Core.TextAudit;

namespace Belonging.Formats.Documents;

/// <summary>Text extracted from one document, ready for <see cref="TextAuditor"/>.</summary>
/// <param name="Name">The file name (for a zip entry: "archive.zip/folder/entry.md").</param>
/// <param name="Text">The text. Markdown and plain text are unchanged (line and column refer to the file); HTML, DOCX and
/// PDF text is extracted (one line per paragraph or text line; positions refer to the extracted text).</param>
/// <param name="Kind">How to audit it.</param>
public sealed record ExtractedDocument(string Name, string Text, TextKind Kind);
