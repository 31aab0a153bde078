using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Belonging.Formats.Documents;

/// <summary>Writes plain text (or Markdown) as a Word document: a title, then one paragraph per non-empty line.</summary>
public static class DocxWriter
{
    /// <summary>Builds the document.</summary>
    public static byte[] Write(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(new Paragraph(new Run(new RunProperties(new Bold()), new Text(title))));
            foreach (var line in text.Split('\n'))
            {
                var trimmed = line.TrimEnd('\r');
                if (trimmed.Length > 0)
                {
                    body.Append(new Paragraph(new Run(new Text(trimmed) { Space = SpaceProcessingModeValues.Preserve })));
                }
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return ms.ToArray();
    }
}
