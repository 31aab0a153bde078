using System.IO.Compression;

namespace Belonging.Formats;

/// <summary>Why an archive was refused before a parser saw it.</summary>
internal enum ZipRefusal
{
    /// <summary>More entries than allowed.</summary>
    TooManyEntries = 1,

    /// <summary>All entries together inflate to more than allowed.</summary>
    TooLarge,

    /// <summary>One entry inflates to more than the allowed multiple of its packed size.</summary>
    SuspiciousCompression,
}

/// <summary>The outcome of <see cref="ZipGuard.Check"/>: null <see cref="Refusal"/> means the archive is within bounds.</summary>
/// <param name="Refusal">Why it was refused, or null.</param>
/// <param name="Entry">The entry that tripped a per-entry rule, or null.</param>
/// <param name="InflatedBytes">How many bytes were inflated before the verdict (never more than the limit plus one read chunk).</param>
internal sealed record ZipCheck(ZipRefusal? Refusal, string? Entry, long InflatedBytes);

/// <summary>
/// Zip-bomb guard for uploads that are zip containers (XLSX, DOCX, zip): inflates every entry into a discarding counter
/// before any parser opens the archive, so the verdict rests on bytes actually produced, not on the sizes the headers
/// claim. Refuses on entry count, on the running total, and on an entry's compression ratio once it has produced more
/// than <see cref="RatioGraceBytes"/> (Apache POI's ZipSecureFile uses the same rule with ratio 100; small parts such as
/// [Content_Types].xml compress far better than large ones and are allowed).
/// </summary>
internal static class ZipGuard
{
    /// <summary>Bytes an entry may inflate to before its compression ratio is checked.</summary>
    public const long RatioGraceBytes = 1024 * 1024;

    /// <summary>Checks <paramref name="bytes"/> as a zip archive.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a readable zip archive.</exception>
    public static ZipCheck Check(byte[] bytes, int maxEntries, long maxUncompressedBytes, int maxCompressionRatio)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        if (zip.Entries.Count > maxEntries)
        {
            return new ZipCheck(ZipRefusal.TooManyEntries, null, 0);
        }

        long total = 0;
        var chunk = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            using var stream = entry.Open();
            long produced = 0;
            var allowed = Math.Max(entry.CompressedLength, 1) * maxCompressionRatio;
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                produced += read;
                total += read;
                if (total > maxUncompressedBytes)
                {
                    return new ZipCheck(ZipRefusal.TooLarge, entry.FullName, total);
                }

                if (produced > RatioGraceBytes && produced > allowed)
                {
                    return new ZipCheck(ZipRefusal.SuspiciousCompression, entry.FullName, total);
                }
            }
        }

        return new ZipCheck(null, null, total);
    }
}
