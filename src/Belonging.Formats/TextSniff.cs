namespace Belonging.Formats;

/// <summary>Recognises text encodings that a strict UTF-8 decoder would accept but misread.</summary>
internal static class TextSniff
{
    /// <summary>Bytes looked at from the start of the file.</summary>
    private const int SampleBytes = 4096;

    /// <summary>
    /// True when the start of <paramref name="bytes"/> looks like UTF-16 without a byte-order mark: at least half of the
    /// byte pairs have a NUL in the same position (high byte of little-endian, or low byte of big-endian, ASCII-range
    /// characters) and almost none in the other. Such text is valid UTF-8 (NUL is a valid code point), so without this a
    /// header "employee_id" arrives as "e\0m\0p\0…" and the user is told a column is missing.
    /// </summary>
    public static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, SampleBytes) & ~1)];
        var pairs = sample.Length / 2;
        if (pairs == 0)
        {
            return false;
        }

        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenNuls += sample[i] == 0 ? 1 : 0;
            oddNuls += sample[i + 1] == 0 ? 1 : 0;
        }

        var (more, fewer) = oddNuls >= evenNuls ? (oddNuls, evenNuls) : (evenNuls, oddNuls);
        return more * 2 >= pairs && fewer * 10 <= more;
    }
}
