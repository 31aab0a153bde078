using System.Diagnostics;
using System.Globalization;
using Belonging.Core.TextAudit;

namespace Belonging.Bench;

/// <summary>
/// <c>audit &lt;file&gt;</c>: audits one text file with the default rule packs. The reported seconds are the first, cold run
/// (rule-pack loading, JIT, reading the file and auditing it); warm runs are printed before the final line for comparison.
/// The final line is <c>audit bytes=&lt;b&gt; findings=&lt;n&gt; seconds=&lt;s&gt; peak_mb=&lt;m&gt;</c> (peak resident set of the process).
/// </summary>
internal static class AuditBench
{
    public static int Run(string[] args)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: Belonging.Bench audit <file>");
            return 2;
        }

        var path = args[0];
        var kind = Path.GetExtension(path).ToLowerInvariant() is ".md" or ".markdown" ? TextKind.Markdown : TextKind.PlainText;
        var process = Process.GetCurrentProcess();
        var coldCpu = process.TotalProcessorTime;
        var cold = Stopwatch.StartNew();
        var auditor = TextAuditor.CreateDefault();
        var text = File.ReadAllText(path);
        var findings = auditor.Audit(text, Path.GetFileName(path), kind);
        cold.Stop();
        process.Refresh();
        coldCpu = process.TotalProcessorTime - coldCpu;

        var warm = new List<double>();
        process.Refresh();
        var warmCpu = process.TotalProcessorTime;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var again = auditor.Audit(text, Path.GetFileName(path), kind);
            watch.Stop();
            warm.Add(watch.Elapsed.TotalSeconds);
            if (again.Count != findings.Count)
            {
                throw new InvalidOperationException("The audit is not deterministic.");
            }
        }

        process.Refresh();
        warmCpu = process.TotalProcessorTime - warmCpu;
        warm.Sort();
        var bytes = new FileInfo(path).Length;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        foreach (var group in findings.GroupBy(f => f.RuleId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(12))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key,-24} {group.Count(),6}"));
        }

        // CPU time (all threads, including the GC) is less sensitive than wall time to other processes on a shared machine.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold run: wall {cold.Elapsed.TotalSeconds:0.000} s, cpu {coldCpu.TotalSeconds:0.000} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm runs (5): wall min {warm[0]:0.000} s, median {warm[2]:0.000} s, max {warm[^1]:0.000} s; cpu {warmCpu.TotalSeconds / 5:0.000} s per run"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit bytes={bytes} findings={findings.Count} seconds={cold.Elapsed.TotalSeconds:0.000} peak_mb={peakMb:0.0}"));
        return 0;
    }
}
