using System.Globalization;
using Belonging.Core.Privacy;

namespace Belonging.Bench;

/// <summary>
/// <c>value-window [--draws N]</c>: how often the published rounding of two releases narrows the mean of one person who
/// changed a cell of n respondents (joiner at the end of the scale, and at its middle), with both releases rounded and
/// with the earlier one published unrounded. Monte Carlo over the other members' sum (seeded). The table in
/// docs/methods/cross-release.md ("What the window does and does not promise").
/// </summary>
internal static class ValueWindowBench
{
    public static int Run(int draws)
    {
        var random = new Random(20261201);
        const double Narrow = 25;
        Console.WriteLine("n | joiner | earlier release | draws narrowed below 25 points");
        foreach (var n in new[] { 100, 200, 400, 1_100 })
        {
            foreach (var joiner in new[] { 100.0, 50.0 })
            {
                foreach (var earlierRounded in new[] { true, false })
                {
                    var narrowed = 0;
                    for (var d = 0; d < draws; d++)
                    {
                        var before = n - 1;
                        var sum = (40 + (40 * random.NextDouble())) * before;
                        var m1 = earlierRounded ? ValueWindow.Round(sum / before) : sum / before;
                        var m2 = ValueWindow.Round((sum + joiner) / n);
                        var half = ValueWindow.Precision / 2;
                        var spread = earlierRounded ? half : 0;
                        var lowest = Math.Max(0, (n * (m2 - half)) - (before * (m1 + spread)));
                        var highest = Math.Min(ValueWindow.Scale, (n * (m2 + half)) - (before * (m1 - spread)));
                        narrowed += highest - lowest < Narrow ? 1 : 0;
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{n} | {joiner:F0} | {(earlierRounded ? "rounded" : "unrounded")} | {100.0 * narrowed / draws:F1} %"));
                }
            }
        }

        return 0;
    }
}
