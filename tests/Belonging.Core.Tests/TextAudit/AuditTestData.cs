using System.Text.Json;

namespace Belonging.Core.Tests.TextAudit;

internal static class AuditTestData
{
    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "TextAudit", file);

    public static string HandbookDirectory => Path("osio-labs-employee-handbook");

    /// <summary>The 39 Markdown files of the handbook, as relative paths with forward slashes (the names used by the reference files).</summary>
    public static IReadOnlyList<string> HandbookFiles() =>
        [.. Directory.GetFiles(HandbookDirectory, "*.md", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(HandbookDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public static string Handbook(string relative) => File.ReadAllText(System.IO.Path.Combine(HandbookDirectory, relative));

    public static IReadOnlyList<string> JdSentences() => File.ReadAllLines(Path("jd-sentences-green2022-cc-by-4.0.txt"));

    public static JsonElement Json(string file) => JsonDocument.Parse(File.ReadAllText(Path(file))).RootElement;
}
