using System.Globalization;
using Belonging.Core.TextAudit;

namespace Belonging.Core.Tests.TextAudit;

/// <summary>
/// Precision and recall of our auditor and of alex 11.0.1 on the Osio Labs handbook and the 336 job-description
/// sentences, from the hand labels in TestData/TextAudit/labels.csv (labelling rules: docs/methods/text-audit.md).
/// Recall is pooled: the true issues are the union of every finding, by either tool, labelled a true issue.
/// </summary>
public sealed class PrecisionRecallTests(ITestOutputHelper output)
{
    private sealed record Label(string Corpus, string File, int Line, int Column, int EndColumn, string Tool, string RuleId, string Text, bool IsIssue, string Reason);

    private sealed record Found(string Corpus, string File, int Line, int Column, int EndColumn, string RuleId, string Text);

    private static List<Label> Labels() =>
        [.. File.ReadLines(AuditTestData.Path("labels.csv")).Skip(1).Select(Csv).Select(f => new Label(
            f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture),
            f[5], f[6], f[7], f[8] switch { "true" => true, "false" => false, _ => throw new FormatException(f[8]) }, f[9]))];

    private static List<Found> Ours()
    {
        var auditor = TextAuditor.CreateDefault();
        var found = new List<Found>();
        foreach (var file in AuditTestData.HandbookFiles())
        {
            found.AddRange(auditor.Audit(AuditTestData.Handbook(file), file, TextKind.Markdown)
                .Select(f => new Found("handbook", file, f.Line, f.Column, f.EndColumn, f.RuleId, f.Text)));
        }

        var lines = AuditTestData.JdSentences();
        for (var i = 0; i < lines.Count; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            found.AddRange(auditor.Audit(lines[i], number).Select(f => new Found("jd", number, f.Line, f.Column, f.EndColumn, f.RuleId, f.Text)));
        }

        return found;
    }

    private static List<Found> Alex()
    {
        var reference = AuditTestData.Json("alex-11.0.1-reference-output.json");
        var found = new List<Found>();
        foreach (var file in reference.GetProperty("handbook").EnumerateArray())
        {
            var name = file.GetProperty("file").GetString()!;
            var lines = AuditTestData.Handbook(name).Split('\n');
            found.AddRange(file.GetProperty("messages").EnumerateArray().Select(m => Message("handbook", name, m, lines[m.GetProperty("line").GetInt32() - 1])));
        }

        foreach (var sentence in reference.GetProperty("jdSentences").EnumerateArray())
        {
            var name = sentence.GetProperty("line").GetInt32().ToString(CultureInfo.InvariantCulture);
            found.AddRange(sentence.GetProperty("messages").EnumerateArray().Select(m => Message("jd", name, m, sentence.GetProperty("text").GetString()!)));
        }

        return found;

        static Found Message(string corpus, string file, System.Text.Json.JsonElement m, string line)
        {
            int column = m.GetProperty("column").GetInt32(), end = m.GetProperty("endColumn").GetInt32();
            return new Found(corpus, file, m.GetProperty("line").GetInt32(), column, end, m.GetProperty("ruleId").GetString()!, line[(column - 1)..(end - 1)]);
        }
    }

    private static Label? LabelOf(List<Label> labels, string tool, Found f) =>
        labels.SingleOrDefault(l => l.Tool == tool && l.Corpus == f.Corpus && l.File == f.File && l.Line == f.Line && l.Column == f.Column && l.RuleId == f.RuleId);

    private static bool Overlap(Label a, Label b) => a.Corpus == b.Corpus && a.File == b.File && a.Line == b.Line && a.Column < b.EndColumn && b.Column < a.EndColumn;

    [Fact]
    public void Labels_CoverEveryAlexFindingExactlyOnce_WithReason()
    {
        var labels = Labels();
        var alex = Alex();
        Assert.Equal(110 + 39, alex.Count);
        foreach (var f in alex)
        {
            var label = LabelOf(labels, "alex", f);
            Assert.True(label is not null, $"alex finding not labelled: {f}");
            Assert.Equal(f.Text, label.Text);
            Assert.False(string.IsNullOrWhiteSpace(label.Reason));
        }

        Assert.Equal(alex.Count, labels.Count(l => l.Tool == "alex"));
    }

    [Fact]
    public void Labels_CoverEveryOneOfOurFindings_AndNoStaleOnes()
    {
        // If the auditor changes, this fails until the new findings are labelled by hand (and stale labels removed).
        var labels = Labels();
        var ours = Ours();
        foreach (var f in ours)
        {
            var label = LabelOf(labels, "belonging", f);
            Assert.True(label is not null, $"our finding not labelled: {f}");
            Assert.Equal((f.Text, f.EndColumn), (label.Text, label.EndColumn));
        }

        Assert.Equal(ours.Count, labels.Count(l => l.Tool == "belonging"));
    }

    [Fact]
    public void PrecisionAndRecall_OursMeetsTargets_AgainstAlex()
    {
        var labels = Labels();
        var ours = labels.Where(l => l.Tool == "belonging").ToList();
        var alex = labels.Where(l => l.Tool == "alex").ToList();

        // Pool the true issues: an issue found by both tools (overlapping spans on the same line) counts once.
        var issues = new List<Label>();
        foreach (var label in ours.Concat(alex).Where(l => l.IsIssue))
        {
            if (!issues.Any(i => Overlap(i, label)))
            {
                issues.Add(label);
            }
        }

        double Precision(List<Label> found) => found.Count == 0 ? double.NaN : (double)found.Count(l => l.IsIssue) / found.Count;
        double Recall(List<Label> found) => (double)issues.Count(i => found.Any(f => f.IsIssue && Overlap(f, i))) / issues.Count;

        var (oursPrecision, oursRecall) = (Precision(ours), Recall(ours));
        var (alexPrecision, alexRecall) = (Precision(alex), Recall(alex));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"true issues {issues.Count}; ours: {ours.Count} findings, {ours.Count(l => l.IsIssue)} true, precision {oursPrecision:0.000}, recall {oursRecall:0.000}; " +
            $"alex: {alex.Count} findings, {alex.Count(l => l.IsIssue)} true, precision {alexPrecision:0.000}, recall {alexRecall:0.000}"));

        Assert.True(oursPrecision >= 0.9, $"precision {oursPrecision}");
        Assert.True(oursRecall >= alexRecall, $"recall {oursRecall} < alex {alexRecall}");
        // Every issue alex finds correctly, we find too.
        Assert.All(alex.Where(l => l.IsIssue), a => Assert.Contains(ours, o => o.IsIssue && Overlap(o, a)));
    }

    private static string[] Csv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
