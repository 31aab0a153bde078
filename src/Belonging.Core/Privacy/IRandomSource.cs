namespace Belonging.Core.Privacy;

/// <summary>
/// A source of independent, uniformly distributed 64-bit words: the one seam through which randomness enters Core.
/// Production passes a <c>System.Security.Cryptography.RandomNumberGenerator</c>-backed source (see the web host);
/// tests pass a seeded one so that statistical checks are reproducible.
/// </summary>
/// <remarks>
/// Everything Core builds on top (uniform integers below a bound, Bernoulli trials, the discrete Laplace sampler) uses only
/// integer arithmetic on these words, so the distributions are exact up to the quality of the source.
/// </remarks>
public interface IRandomSource
{
    /// <summary>Returns the next word; all 2^64 values must be equally likely and independent of earlier calls.</summary>
    /// <returns>A uniformly distributed 64-bit unsigned integer.</returns>
    ulong NextUInt64();
}
