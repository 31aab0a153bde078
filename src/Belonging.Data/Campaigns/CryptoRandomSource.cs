using System.Buffers.Binary;
using System.Security.Cryptography;
using Belonging.Core.Privacy;

namespace Belonging.Data.Campaigns;

/// <summary>The production <see cref="IRandomSource"/>: 64-bit words from the operating system's CSPRNG (<see cref="RandomNumberGenerator"/>).</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    private CryptoRandomSource()
    {
    }

    /// <summary>The one instance (stateless and thread-safe).</summary>
    public static CryptoRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public ulong NextUInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
