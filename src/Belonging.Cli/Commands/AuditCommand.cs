using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belonging.Core.TextAudit;
using Belonging.Formats.Documents;

namespace Belonging.Cli.Commands;

/// <summary>
/// <c>belonging audit &lt;files…&gt; [--format text|json|sarif] [--fail-on info|warning|error|none] [--rules pack.rules.json] [--allow phrase] [--output file]</c>:
/// audits policy documents for exclusionary language. Exit codes: 0 clean, 1 findings at or above <c>--fail-on</c>,
/// 2 an input could not be read (the readable ones are still reported).
/// </summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Documents to audit: .md, .txt, .html, .docx, .pdf or .zip of those.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding has this severity or higher.", DefaultValueFactory = _ => "warning" };
        failOn.AcceptOnlyFromAmong("info", "warning", "error", "none");
        var rules = new Option<FileInfo[]>("--rules") { Description = "Extra rule packs (JSON) of the organisation; every rule needs a source and licence." };
        var allow = new Option<string[]>("--allow") { Description = "Phrases the organisation allows (e.g. a product name)." };
        var output = new Option<FileInfo?>("--output") { Description = "Write the report to this file instead of standard output." };
        var command = new Command("audit", "Find exclusionary language in policies, handbooks and job ads.");
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.Options.Add(failOn);
        command.Options.Add(rules);
        command.Options.Add(allow);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var packs = TextAuditor.CreateDefault().Packs.ToList();

            foreach (var file in parse.GetValue(rules) ?? [])
            {
                if (!file.Exists)
                {
                    await error.WriteLineAsync($"Rule pack not found: {file.FullName}");
                    return 2;
                }

                await using var stream = file.OpenRead();
                var pack = RulePackLoader.Load(stream);
                if (!pack.IsSuccess)
                {
                    await error.WriteLineAsync($"{file.Name}: {pack.Error!.Message}");
                    return 2;
                }

                packs.Add(pack.Value);
            }

            var options = new AuditOptions { AllowedPhrases = new HashSet<string>(parse.GetValue(allow) ?? [], StringComparer.OrdinalIgnoreCase) };
            var auditor = new TextAuditor(packs, options);
            var run = Run(auditor, parse.GetValue(files)!, new DocumentReadLimits());
            foreach (var problem in run.Problems)
            {
                await error.WriteLineAsync(problem);
            }

            var report = parse.GetValue(format) switch
            {
                "json" => JsonReport(run),
                "sarif" => SarifReport(run, packs),
                _ => TextReport(run),
            };
            var target = parse.GetValue(output);
            if (target is null)
            {
                await parse.InvocationConfiguration.Output.WriteAsync(report);
            }
            else
            {
                await File.WriteAllTextAsync(target.FullName, report, ct);
            }

            if (run.Problems.Count > 0)
            {
                return 2;
            }

            var threshold = parse.GetValue(failOn) switch
            {
                "info" => AuditSeverity.Info,
                "error" => AuditSeverity.Error,
                "none" => (AuditSeverity?)null,
                _ => AuditSeverity.Warning,
            };
            return threshold is { } t && run.Findings.Any(f => f.Severity >= t) ? 1 : 0;
        });
        return command;
    }

    /// <summary>One audited document with its text statistics (readability, gender-coded wording, plain-language hints).</summary>
    internal sealed record AuditedDocument(string File, ReadabilityResult Readability, GenderCodedResult GenderCoding, IReadOnlyList<PlainLanguageHint> Hints);

    internal sealed record AuditRun(IReadOnlyList<AuditedDocument> Documents, IReadOnlyList<AuditFinding> Findings, IReadOnlyList<string> Problems);

    internal static AuditRun Run(TextAuditor auditor, IEnumerable<FileInfo> files, DocumentReadLimits limits)
    {
        var documents = new List<AuditedDocument>();
        var findings = new List<AuditFinding>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                problems.Add($"File not found: {file.FullName}");
                continue;
            }

            using var stream = file.OpenRead();
            var read = DocumentReader.Read(stream, file.Name, limits);
            if (!read.IsSuccess)
            {
                problems.Add($"{file.Name}: {read.Error!.Message}");
                continue;
            }

            var directory = file.DirectoryName ?? "";
            foreach (var document in read.Value)
            {
                var path = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(directory, document.Name)).Replace('\\', '/');
                var readability = document.Kind == TextKind.Markdown ? Readability.AnalyseMarkdown(document.Text) : Readability.Analyse(document.Text);
                documents.Add(new AuditedDocument(path, readability, GenderCodedWording.Analyse(document.Text), PlainLanguage.Hints(document.Text, document.Kind)));
                findings.AddRange(auditor.Audit(document.Text, path, document.Kind));
            }
        }

        return new AuditRun(documents, findings, problems);
    }

    private static JsonValue? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 4)) : null;

    private static string Level(AuditSeverity severity) => severity switch
    {
        AuditSeverity.Error => "error",
        AuditSeverity.Warning => "warning",
        _ => "note",
    };

    private static string Severity(AuditSeverity severity) => severity.ToString().ToLowerInvariant();

    private static string Message(AuditFinding f) =>
        f.Suggestions.Count == 0 ? f.Explanation : $"{f.Explanation} Consider: {string.Join(", ", f.Suggestions.Select(s => $"\"{s}\""))}.";

    internal static string TextReport(AuditRun run)
    {
        var text = new System.Text.StringBuilder();
        foreach (var f in run.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{f.File}:{f.Line}:{f.Column}: {Severity(f.Severity)} [{f.RuleId}] \"{f.Text}\": {Message(f)}\n");
        }

        foreach (var d in run.Documents)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{d.File}: reading ease {d.Readability.FleschReadingEase:0.0} (grade {d.Readability.FleschKincaidGrade:0.0}), gender-coded wording: {d.GenderCoding.CodingLabel}, {d.Hints.Count} plain-language hint(s)\n");
        }

        var bySeverity = run.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {Severity(g.Key)}");
        text.Append(CultureInfo.InvariantCulture, $"{run.Documents.Count} document(s), {run.Findings.Count} finding(s){(run.Findings.Count > 0 ? ": " + string.Join(", ", bySeverity) : "")}.\n");
        return text.ToString();
    }

    internal static string JsonReport(AuditRun run)
    {
        var report = new JsonObject
        {
            ["tool"] = "belonging audit",
            ["documents"] = new JsonArray([.. run.Documents.Select(d => (JsonNode?)new JsonObject
            {
                ["file"] = d.File,
                ["readability"] = new JsonObject
                {
                    ["sentences"] = d.Readability.Sentences,
                    ["words"] = d.Readability.Words,
                    ["syllables"] = d.Readability.Syllables,
                    ["fleschReadingEase"] = Finite(d.Readability.FleschReadingEase),
                    ["fleschKincaidGrade"] = Finite(d.Readability.FleschKincaidGrade),
                },
                ["genderCoding"] = new JsonObject
                {
                    ["coding"] = d.GenderCoding.CodingLabel,
                    ["masculineWords"] = new JsonArray([.. d.GenderCoding.MasculineWords.Select(w => (JsonNode?)JsonValue.Create(w))]),
                    ["feminineWords"] = new JsonArray([.. d.GenderCoding.FeminineWords.Select(w => (JsonNode?)JsonValue.Create(w))]),
                },
                ["plainLanguageHints"] = new JsonArray([.. d.Hints.Select(h => (JsonNode?)new JsonObject
                {
                    ["kind"] = h.Kind.ToString(),
                    ["line"] = h.Line,
                    ["column"] = h.Column,
                    ["length"] = h.Length,
                    ["message"] = h.Message,
                })]),
            })]),
            ["findings"] = new JsonArray([.. run.Findings.Select(f => (JsonNode?)new JsonObject
            {
                ["file"] = f.File,
                ["line"] = f.Line,
                ["column"] = f.Column,
                ["endLine"] = f.EndLine,
                ["endColumn"] = f.EndColumn,
                ["start"] = f.Start,
                ["length"] = f.Length,
                ["text"] = f.Text,
                ["ruleId"] = f.RuleId,
                ["pack"] = f.PackId,
                ["category"] = RulePackLoader.CategoryName(f.Category),
                ["severity"] = Severity(f.Severity),
                ["explanation"] = f.Explanation,
                ["suggestions"] = new JsonArray([.. f.Suggestions.Select(s => (JsonNode?)JsonValue.Create(s))]),
                ["source"] = f.Source,
                ["licence"] = f.Licence,
            })]),
            ["problems"] = new JsonArray([.. run.Problems.Select(p => (JsonNode?)JsonValue.Create(p))]),
        };
        return report.ToJsonString(Json) + "\n";
    }

    /// <summary>SARIF 2.1.0: one run, the rules that fired in <c>tool.driver.rules</c>, one result per finding with a region (start line and column, end, char offset and length).</summary>
    internal static string SarifReport(AuditRun run, IReadOnlyList<RulePack> packs)
    {
        var rulesById = packs.SelectMany(p => p.Rules.Select(r => (Key: p.Id + "/" + r.Id, Rule: r))).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Rule, StringComparer.Ordinal);
        var used = run.Findings.Select(f => f.PackId + "/" + f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = used.Select((key, i) => (key, i)).ToDictionary(x => x.key, x => x.i, StringComparer.Ordinal);
        var rules = new JsonArray([.. used.Select(key =>
        {
            var rule = rulesById[key];
            return (JsonNode?)new JsonObject
            {
                ["id"] = key,
                ["name"] = rule.Id,
                ["shortDescription"] = new JsonObject { ["text"] = $"{RulePackLoader.CategoryName(rule.Category)}: {string.Join(", ", rule.Patterns.Take(5))}" },
                ["fullDescription"] = new JsonObject { ["text"] = rule.Explanation },
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
                ["properties"] = new JsonObject
                {
                    ["category"] = RulePackLoader.CategoryName(rule.Category),
                    ["source"] = rule.Source,
                    ["licence"] = rule.Licence,
                    ["tags"] = new JsonArray("inclusive-language", RulePackLoader.CategoryName(rule.Category)),
                },
            };
        })]);
        var results = new JsonArray([.. run.Findings.Select(f => (JsonNode?)new JsonObject
        {
            ["ruleId"] = f.PackId + "/" + f.RuleId,
            ["ruleIndex"] = index[f.PackId + "/" + f.RuleId],
            ["level"] = Level(f.Severity),
            ["message"] = new JsonObject { ["text"] = $"\"{f.Text}\": {Message(f)}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = Uri.EscapeDataString(f.File).Replace("%2F", "/", StringComparison.Ordinal) },
                    ["region"] = new JsonObject
                    {
                        ["startLine"] = f.Line,
                        ["startColumn"] = f.Column,
                        ["endLine"] = f.EndLine,
                        ["endColumn"] = f.EndColumn,
                        ["charOffset"] = f.Start,
                        ["charLength"] = f.Length,
                        ["snippet"] = new JsonObject { ["text"] = f.Text },
                    },
                },
            }),
            ["properties"] = new JsonObject
            {
                ["category"] = RulePackLoader.CategoryName(f.Category),
                ["suggestions"] = new JsonArray([.. f.Suggestions.Select(s => (JsonNode?)JsonValue.Create(s))]),
            },
        })]);
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "belonging-audit",
                        ["semanticVersion"] = "1.0.0",
                        ["rules"] = rules,
                    },
                },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(Json) + "\n";
    }
}
