using System.Globalization;
using Belonging.Core.Privacy;

namespace Belonging.Bench;

/// <summary>
/// <c>value-window [--draws N]</c>: how often the published rounding of two releases narrows the mean of one person who
/// joined a cell (joiner at the end of the scale, and at its middle), everyone else answering exactly as before (the
/// worst case). Each scenario is one or more cells the joiner is in, each published in both releases; the attacker
/// intersects every cell's window. Monte Carlo over the other members' sums (seeded). The tables in
/// docs/methods/cross-release.md ("What the window does and does not promise").
/// </summary>
internal static class ValueWindowBench
{
    private const double Narrow = 25;
    private static readonly double[] Joiners = [100.0, 50.0];

    /// <summary>One cell the joiner is in: respondents and precision before and after (q = 0: published unrounded).</summary>
    private sealed record Cell(int Before, double BeforeQ, int After, double AfterQ);

    public static int Run(int draws)
    {
        var random = new Random(20261201);
        List<(string Label, Cell[] Cells)> scenarios = [];
        foreach (var n in new[] { 100, 200, 400, 1_100 })
        {
            scenarios.Add(($"{n}, whole points both", [new(n - 1, 1, n, 1)]));
            scenarios.Add(($"{n}, earlier unrounded", [new(n - 1, 0, n, 1)]));
        }

        foreach (var n in new[] { 5, 10, 20, 50 })
        {
            var q = ValueWindow.PrecisionFor(n, 1)!.Value;
            scenarios.Add(($"{n}, {q:0}-point steps after whole points (a release before size steps)", [new(n - 1, 1, n, q)]));
        }

        foreach (var n in new[] { 6, 10, 20, 50 })
        {
            scenarios.Add(($"{n}, both releases at their size's step", [new(n - 1, ValueWindow.ForSize(n - 1), n, ValueWindow.PrecisionFor(n, 1)!.Value)]));
        }

        Cell Sized(int before) => new(before, ValueWindow.ForSize(before), before + 1, ValueWindow.ForSize(before + 1));
        scenarios.Add(("team 10 in dept 41 in division 151, all at their size's step", [Sized(9), Sized(40), Sized(150)]));
        scenarios.Add(("team 10 (10-pt) in dept 41 (5-pt)", [new(9, 1, 10, 10), new(40, 1, 41, 5)]));
        scenarios.Add(("team 10 in dept 41 in division 151 (1-pt)", [new(9, 1, 10, 10), new(40, 1, 41, 5), new(150, 1, 151, 1)]));
        scenarios.Add(("division 151 in organisation 1,001 (both 1-pt)", [new(150, 1, 151, 1), new(1_000, 1, 1_001, 1)]));

        Console.WriteLine("cells the joiner changed | joiner at 100 | joiner at 50   (draws narrowed below 25 points)");
        foreach (var (label, cells) in scenarios)
        {
            var at = Joiners.Select(joiner => Narrowed(random, cells, joiner, draws)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} | {at[0]:F1} % | {at[1]:F1} %"));
        }

        return 0;
    }

    private static double Narrowed(Random random, Cell[] cells, double joiner, int draws)
    {
        var narrowed = 0;
        for (var d = 0; d < draws; d++)
        {
            double lowest = 0, highest = ValueWindow.Scale;
            foreach (var c in cells)
            {
                var sum = (40 + (40 * random.NextDouble())) * c.Before;
                var m1 = c.BeforeQ > 0 ? ValueWindow.Round(sum / c.Before, c.BeforeQ) : sum / c.Before;
                var m2 = ValueWindow.Round((sum + joiner) / c.After, c.AfterQ);
                var estimate = (c.After * m2) - (c.Before * m1);
                var half = ((c.After * c.AfterQ) + (c.Before * c.BeforeQ)) / 2;
                lowest = Math.Max(lowest, estimate - half);
                highest = Math.Min(highest, estimate + half);
            }

            narrowed += highest - lowest < Narrow ? 1 : 0;
        }

        return 100.0 * narrowed / draws;
    }
}
