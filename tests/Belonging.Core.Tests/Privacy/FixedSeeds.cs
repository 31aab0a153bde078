using CsCheck;

namespace Belonging.Core.Tests.Privacy;

/// <summary>
/// Runs a CsCheck property on a fixed, logged sequence of seeds, so every run sees the same cases and a failure
/// reproduces. CsCheck's <c>seed:</c> fixes only the first iteration of a <c>Sample</c> (later iterations draw fresh
/// seeds), so each case gets its own <c>Sample(seed: …, iter: 1)</c> with a seed derived from the master seed; the master
/// and every case seed are written to the test output, and CsCheck's failure message names the failing case's seed.
/// </summary>
internal static class FixedSeeds
{
    /// <summary>Samples <paramref name="iter"/> cases of <paramref name="gen"/> derived from <paramref name="seed"/>.</summary>
    /// <param name="gen">The generator.</param>
    /// <param name="assert">The property; throws on failure.</param>
    /// <param name="seed">A CsCheck seed string (e.g. "0000rUMu1Xa1"), fixed in the test.</param>
    /// <param name="iter">Number of cases.</param>
    /// <param name="print">Describes a case in the failure message.</param>
    public static void Sample<T>(Gen<T> gen, Action<T> assert, string seed, int iter, Func<T, string> print)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"CsCheck master seed {seed}, {iter} cases");
        var master = PCG.Parse(seed);
        for (var i = 0; i < iter; i++)
        {
            var caseSeed = new PCG(master.Next(), master.Next64()).ToString();
            output?.WriteLine($"case {i}: seed {caseSeed}");
            gen.Sample(assert, seed: caseSeed, iter: 1, threads: 1, print: print);
        }
    }
}
