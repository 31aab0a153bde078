using System.Diagnostics;
using System.Globalization;
using Belonging.Core.Statistics.Cube;

namespace Belonging.Bench.Cube;

/// <summary>
/// <c>cube</c>: our columnar engine against DuckDB on the same seeded campaign, same run, same threads. Only the cube
/// computation is timed (generation and DuckDB loading are not): one warm-up, then the median of
/// <c>runs</c> timed runs per engine.
/// </summary>
internal static class CubeBenchmark
{
    /// <summary><c>cube [--respondents N] [--seed S] [--threads T] [--runs R]</c>; exit code 0 when the engines agree,
    /// 1 when any cell differs, 2 on bad arguments.</summary>
    public static int Execute(string[] args, TextWriter output, TextWriter error)
    {
        var respondents = 1_000_000;
        var seed = 1;
        var threads = Environment.ProcessorCount;
        var runs = 3;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                error.WriteLine($"option {args[i]} needs a non-negative integer");
                return 2;
            }

            switch (args[i])
            {
                case "--respondents": respondents = value; break;
                case "--seed": seed = value; break;
                case "--threads": threads = Math.Max(1, value); break;
                case "--runs": runs = Math.Max(1, value); break;
                default:
                    error.WriteLine($"unknown option {args[i]}; usage: cube [--respondents N] [--seed S] [--threads T] [--runs R]");
                    return 2;
            }
        }

        return Run(respondents, seed, threads, runs, output);
    }

    /// <summary>Both engines once on a small campaign, compared cell by cell (used by the tests; no timing).</summary>
    public static CubeComparison Check(int respondents, int seed, int threads)
    {
        var campaign = SyntheticCampaign.Generate(respondents, seed);
        var ours = ResultsCube.Compute(campaign.ToColumns(), threads);
        using var duck = new DuckDbCube(campaign, threads);
        return CubeComparison.Compare(ours, duck.Run(), campaign.UnitAtLevel.Length);
    }

    public static int Run(int respondents, int seed, int threads, int runs, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var campaign = SyntheticCampaign.Generate(respondents, seed);
        output.WriteLine(string.Create(inv, $"generated respondents={respondents} seed={seed} units={campaign.Parents.Length} attributes={campaign.Attributes.Length} items={campaign.Items.Length} in {clock.Elapsed.TotalSeconds:F2}s"));

        output.WriteLine($"machine processors={Environment.ProcessorCount} loadavg_before={LoadAverage()}");
        ResultsCube? ours = null;
        var (engineTimes, engineCpu) = Time(runs, () => ours = ResultsCube.Compute(campaign.ToColumns(), threads));
        output.WriteLine(string.Create(inv, $"engine  threads={threads} runs_s=[{string.Join(", ", engineTimes.Select(t => t.ToString("F3", inv)))}] best={engineTimes.Min():F3} median={Median(engineTimes):F3} cpu_s_per_run={engineCpu / runs:F3}"));
        var peakAfterEngine = Process.GetCurrentProcess().PeakWorkingSet64;

        clock.Restart();
        using var duck = new DuckDbCube(campaign, threads);
        output.WriteLine(string.Create(inv, $"duckdb  loaded with the appender in {clock.Elapsed.TotalSeconds:F2}s"));
        List<long[]>? rows = null;
        var (duckTimes, duckCpu) = Time(runs, () => rows = duck.Run());
        output.WriteLine(string.Create(inv, $"duckdb  threads={threads} runs_s=[{string.Join(", ", duckTimes.Select(t => t.ToString("F3", inv)))}] best={duckTimes.Min():F3} median={Median(duckTimes):F3} cpu_s_per_run={duckCpu / runs:F3}"));
        output.WriteLine($"machine loadavg_after={LoadAverage()}");

        var comparison = CubeComparison.Compare(ours!, rows!, campaign.UnitAtLevel.Length);
        output.WriteLine(string.Create(inv, $"compared cells={comparison.Cells} non_empty={comparison.NonEmptyCells} duckdb_rows={rows!.Count} mismatches={comparison.Mismatches}"));
        if (comparison.FirstMismatch is { } first)
        {
            output.WriteLine($"first mismatch: {first}");
        }

        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(inv, $"peak_working_set_mb after_engine={peakAfterEngine / 1048576.0:F0} end={process.PeakWorkingSet64 / 1048576.0:F0}"));
        var engine = Median(engineTimes);
        var duckdb = Median(duckTimes);
        output.WriteLine(string.Create(inv, $"cube respondents={respondents} cells={comparison.Cells} engine_s={engine:F3} duckdb_s={duckdb:F3} ratio={duckdb / engine:F1} agree={(comparison.Agree ? "true" : "false")}"));
        return comparison.Agree ? 0 : 1;
    }

    /// <summary>One warm-up, then <paramref name="runs"/> timed runs: wall-clock seconds each, and the process CPU
    /// seconds of all of them together (on a shared machine, CPU ≈ threads × wall shows the run was not starved).</summary>
    private static (double[] Wall, double Cpu) Time(int runs, Action action)
    {
        action();
        var times = new double[runs];
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
        }

        return (times, cpu.TotalSeconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
