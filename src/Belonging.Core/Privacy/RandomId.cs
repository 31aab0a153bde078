namespace Belonging.Core.Privacy;

/// <summary>Random 128-bit identifiers: never sequential, never time-ordered, so an id reveals nothing about when or in which order rows were written.</summary>
public static class RandomId
{
    /// <summary>Builds a <see cref="Guid"/> from 16 bytes drawn by the caller from a CSPRNG (Core takes randomness as input).</summary>
    /// <param name="sixteenRandomBytes">Exactly 16 bytes from <c>RandomNumberGenerator</c>.</param>
    /// <returns>A GUID with all 128 bits random (no version/variant nibble is forced, so no bit carries structure).</returns>
    /// <exception cref="ArgumentException">Not exactly 16 bytes.</exception>
    public static Guid FromBytes(ReadOnlySpan<byte> sixteenRandomBytes)
    {
        if (sixteenRandomBytes.Length != 16)
        {
            throw new ArgumentException("A random id needs exactly 16 bytes.", nameof(sixteenRandomBytes));
        }

        return new Guid(sixteenRandomBytes);
    }
}
