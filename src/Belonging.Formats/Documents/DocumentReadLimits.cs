namespace Belonging.Formats.Documents;

/// <summary>Bounds on a policy document upload. Defaults fit a large handbook with room to spare.</summary>
/// <param name="MaxBytes">Largest file accepted, as uploaded (default 20 MiB).</param>
/// <param name="MaxUncompressedBytes">Zip, DOCX: most bytes all entries together may unpack to (default 100 MiB).</param>
/// <param name="MaxArchiveEntries">Zip, DOCX: most entries in the archive (default 1,000).</param>
/// <param name="MaxCompressionRatio">Zip, DOCX: an entry that unpacks to more than this many times its packed size is refused (default 100; ordinary text compresses 3–10×).</param>
/// <param name="MaxCharacters">Most characters of extracted text per document (default 10 million).</param>
public sealed record DocumentReadLimits(
    long MaxBytes = 20L * 1024 * 1024,
    long MaxUncompressedBytes = 100L * 1024 * 1024,
    int MaxArchiveEntries = 1_000,
    int MaxCompressionRatio = 100,
    int MaxCharacters = 10_000_000);
