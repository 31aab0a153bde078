namespace Belonging.Formats.Tables;

/// <summary>Bounds on what a table upload may contain. Defaults fit a 100,000-person roster with room to spare.</summary>
/// <param name="MaxBytes">Largest file accepted (default 25 MiB).</param>
/// <param name="MaxRows">Most data rows per table.</param>
/// <param name="MaxColumns">Most columns per table.</param>
/// <param name="MaxCellLength">Longest cell, in characters.</param>
/// <param name="MaxUncompressedBytes">XLSX: most bytes the archive may unpack to (zip-bomb guard).</param>
/// <param name="MaxArchiveEntries">XLSX: most parts in the archive.</param>
/// <param name="MaxCompressionRatio">XLSX: a part larger than 1 MiB unpacked that unpacks to more than this many times its packed size is refused (default 100, as Apache POI; real sheets compress 5–20×).</param>
public sealed record TableReadLimits(
    long MaxBytes = 25L * 1024 * 1024,
    int MaxRows = 200_000,
    int MaxColumns = 200,
    int MaxCellLength = 4_000,
    long MaxUncompressedBytes = 256L * 1024 * 1024,
    int MaxArchiveEntries = 2_000,
    int MaxCompressionRatio = 100);
