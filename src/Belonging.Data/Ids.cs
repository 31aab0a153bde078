using System.Security.Cryptography;
using Belonging.Core.Privacy;

namespace Belonging.Data;

/// <summary>All primary keys are 128 random bits from the CSPRNG: never sequential, never time-ordered.</summary>
public static class Ids
{
    /// <summary>A fresh random id.</summary>
    /// <returns>A GUID with 128 random bits.</returns>
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return RandomId.FromBytes(bytes);
    }
}
