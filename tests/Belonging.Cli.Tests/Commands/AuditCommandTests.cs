using System.CommandLine;
using System.IO.Compression;
using System.Text.Json;
using Belonging.Cli.Commands;

namespace Belonging.Cli.Tests.Commands;

/// <summary>Runs <c>belonging audit</c> in-process on files in a temporary folder.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "belonging-audit-tests", Guid.CreateVersion7().ToString("N"));

    public AuditCommandTests() => Directory.CreateDirectory(dir);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(AuditCommand.Create());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Audit_Sarif_ValidStructureWithRegionForEveryResult()
    {
        var policy = Write("policy.md", "# Hiring\n\nWe want a young and dynamic team.\nHe or she reports to the chairman.\n\n`whitelist` is code.\n");
        var (exit, output, _) = await RunAsync("audit", policy, "--format", "sarif");
        Assert.Equal(1, exit);
        using var sarif = JsonDocument.Parse(output);
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["hr-en/age-coded", "hr-en/chairman-title", "hr-en/he-or-she"], rules.Select(r => r.GetProperty("id").GetString()));
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        foreach (var result in results)
        {
            var ruleIndex = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(rules[ruleIndex].GetProperty("id").GetString(), result.GetProperty("ruleId").GetString());
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "note", "warning", "error" });
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.EndsWith("policy.md", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            var region = location.GetProperty("region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
        }

        var age = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((3, 11, 28), (age.GetProperty("startLine").GetInt32(), age.GetProperty("startColumn").GetInt32(), age.GetProperty("endColumn").GetInt32()));
        Assert.Equal("note", results.Single(r => r.GetProperty("ruleId").GetString() == "hr-en/he-or-she").GetProperty("level").GetString());
    }

    [Fact]
    public async Task Audit_FailOn_ExitCodeFollowsSeverity()
    {
        var infoOnly = Write("info.md", "The employee may appeal his or her dismissal.\n");
        Assert.Equal(0, (await RunAsync("audit", infoOnly)).Exit);
        Assert.Equal(1, (await RunAsync("audit", infoOnly, "--fail-on", "info")).Exit);
        var warning = Write("warn.txt", "Manpower planning.\n");
        Assert.Equal(1, (await RunAsync("audit", warning)).Exit);
        Assert.Equal(0, (await RunAsync("audit", warning, "--fail-on", "error")).Exit);
        Assert.Equal(0, (await RunAsync("audit", warning, "--fail-on", "none")).Exit);
        Assert.Equal(0, (await RunAsync("audit", Write("clean.md", "We welcome everyone.\n"))).Exit);
    }

    [Fact]
    public async Task Audit_UnreadableInput_ExitTwoWithMessage()
    {
        var (exit, _, error) = await RunAsync("audit", Path.Combine(dir, "missing.md"));
        Assert.Equal(2, exit);
        Assert.Contains("File not found", error, StringComparison.Ordinal);

        var bad = Path.Combine(dir, "latin1.txt");
        await File.WriteAllBytesAsync(bad, [0x63, 0x61, 0x66, 0xE9, 0x0A]);
        (exit, _, error) = await RunAsync("audit", bad, Write("ok.md", "Manpower.\n"), "--format", "json");
        Assert.Equal(2, exit);
        Assert.Contains("not valid UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_Json_FindingsWithPositionsAndProvenance()
    {
        var (exit, output, _) = await RunAsync("audit", Write("ad.txt", "Native speaker wanted.\n"), "--format", "json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(("native-speaker", 1, 1, "exclusionary-requirement", "warning"), (finding.GetProperty("ruleId").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32(), finding.GetProperty("category").GetString(), finding.GetProperty("severity").GetString()));
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("source").GetString()));
        Assert.NotEmpty(finding.GetProperty("suggestions").EnumerateArray());
        var document = Assert.Single(json.RootElement.GetProperty("documents").EnumerateArray());
        Assert.Equal((1, 3), (document.GetProperty("readability").GetProperty("sentences").GetInt32(), document.GetProperty("readability").GetProperty("words").GetInt32()));
        Assert.Equal("empty", document.GetProperty("genderCoding").GetProperty("coding").GetString());
    }

    [Fact]
    public async Task Audit_ZipAndText_ReportsEntriesAndSummary()
    {
        var zip = Path.Combine(dir, "policies.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("hr/leave.md").Open());
            writer.Write("Mothers get maternity leave.\n");
        }

        var (exit, output, _) = await RunAsync("audit", zip);
        Assert.Equal(1, exit);
        Assert.Contains("policies.zip/hr/leave.md:1:13: warning [maternity-only]", output, StringComparison.Ordinal);
        Assert.Contains("1 document(s), 1 finding(s): 1 warning.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_OrganisationRulesAndAllowList()
    {
        var rules = Write("acme.rules.json", """
            { "id": "acme-en", "language": "en", "source": "Acme HR", "licence": "proprietary",
              "rules": [ { "id": "acme-wizard", "category": "exclusionary", "severity": "error", "patterns": ["wizard"], "explanation": "Say what the job is.", "source": "Acme style guide", "licence": "proprietary" } ] }
            """);
        var ad = Write("ad.md", "Excel wizard wanted. Reports to the Chairman.\n");
        var (exit, output, _) = await RunAsync("audit", ad, "--rules", rules, "--allow", "chairman", "--fail-on", "error");
        Assert.Equal(1, exit);
        Assert.Contains("[acme-wizard]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("chairman", output, StringComparison.OrdinalIgnoreCase);

        var sourceless = Write("bad.rules.json", """{ "id": "x", "source": "s", "licence": "MIT", "rules": [ { "id": "r", "category": "age", "patterns": ["x"], "explanation": "x", "licence": "MIT" } ] }""");
        var (badExit, _, error) = await RunAsync("audit", ad, "--rules", sourceless);
        Assert.Equal(2, badExit);
        Assert.Contains("has no source", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
