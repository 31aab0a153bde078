using System.Text.Json;
using Belonging.Core.TextAudit;

namespace Belonging.Core.Tests.TextAudit;

public sealed class ReadabilityTests
{
    /// <summary>
    /// Files where we count one sentence fewer than the reference (words and syllables are exact). Current upstream
    /// mdast-util-from-markdown + mdast-util-to-string + parse-english 7, run under Node, give our counts too; see
    /// docs/methods/text-audit.md. Asserted exactly so any drift is noticed.
    /// </summary>
    private static readonly Dictionary<string, int> KnownSentenceMismatches = new(StringComparer.Ordinal)
    {
        ["02welcome/02first_week.md"] = 26,
        ["03benefits/02leave.md"] = 142,
        ["04emp_conduct/02diversity.md"] = 35,
    };

    private static List<JsonElement> ReferenceFiles() => [.. AuditTestData.Json("readability-reference.json").GetProperty("files").EnumerateArray()];

    [Theory]
    [InlineData("The cat sat on the mat.", 1, 6, 6, 116.145, -1.45)]
    [InlineData("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.", 1, 13, 26, 24.44, 13.08)]
    public void Analyse_ReferenceExample_ExactCountsAndScores(string text, int sentences, int words, int syllables, double ease, double grade)
    {
        var result = Readability.Analyse(text);
        Assert.Equal((sentences, words, syllables), (result.Sentences, result.Words, result.Syllables));
        Assert.Equal(ease, result.FleschReadingEase, 1e-9);
        Assert.Equal(grade, result.FleschKincaidGrade, 1e-9);
    }

    [Fact]
    public void AnalyseMarkdown_Handbook_WordsAndSyllablesExactOnAll39Files()
    {
        var files = ReferenceFiles().ToList();
        Assert.Equal(39, files.Count);
        foreach (var f in files)
        {
            var result = Readability.AnalyseMarkdown(AuditTestData.Handbook(f.GetProperty("file").GetString()!));
            Assert.Equal((f.GetProperty("word").GetInt32(), f.GetProperty("syllable").GetInt32()), (result.Words, result.Syllables));
        }
    }

    [Fact]
    public void AnalyseMarkdown_Handbook_SentencesAndScoresExactOn36Files()
    {
        var exact = 0;
        foreach (var f in ReferenceFiles())
        {
            var name = f.GetProperty("file").GetString()!;
            var result = Readability.AnalyseMarkdown(AuditTestData.Handbook(name));
            if (KnownSentenceMismatches.TryGetValue(name, out var ours))
            {
                Assert.Equal(f.GetProperty("sentence").GetInt32() - 1, ours);
                Assert.Equal(ours, result.Sentences);
                continue;
            }

            Assert.Equal(f.GetProperty("sentence").GetInt32(), result.Sentences);
            // The reference rounds scores to 4 decimals.
            Assert.Equal(f.GetProperty("fleschReadingEase").GetDouble(), result.FleschReadingEase, 0.00005);
            Assert.Equal(f.GetProperty("fleschKincaidGrade").GetDouble(), result.FleschKincaidGrade, 0.00005);
            exact++;
        }

        Assert.Equal(36, exact);
    }

    [Fact]
    public void Analyse_JdSentencesLineByLine_ReproducesWholeSetCountsAndScores()
    {
        var expected = AuditTestData.Json("readability-reference.json").GetProperty("jdSentencesWhole");
        int sentences = 0, words = 0, syllables = 0;
        foreach (var line in AuditTestData.JdSentences())
        {
            var r = Readability.Analyse(line);
            (sentences, words, syllables) = (sentences + r.Sentences, words + r.Words, syllables + r.Syllables);
        }

        var total = new ReadabilityResult(sentences, words, syllables);
        Assert.Equal((342, 7313, 13392), (total.Sentences, total.Words, total.Syllables));
        Assert.Equal(expected.GetProperty("fleschReadingEase").GetDouble(), total.FleschReadingEase, 0.00005);
        Assert.Equal(expected.GetProperty("fleschKincaidGrade").GetDouble(), total.FleschKincaidGrade, 0.00005);
    }

    [Fact]
    public void Analyse_Empty_ZeroCountsNaNScores()
    {
        var result = Readability.Analyse("");
        Assert.Equal((0, 0, 0), (result.Sentences, result.Words, result.Syllables));
        Assert.True(double.IsNaN(result.FleschReadingEase));
        Assert.True(double.IsNaN(result.FleschKincaidGrade));
    }

    [Theory]
    [InlineData("Mr. Smith met Dr. Jones. They talked.", 2)]
    [InlineData("Seriously... ask them anything.", 1)]
    [InlineData("\"Is it okay?\" \"Yes.\" Then go.", 3)]
    [InlineData("It costs 2.5 dollars e.g. today. Fine.", 2)]
    [InlineData("First line without stop\n\nSecond paragraph.", 2)]
    public void Analyse_SentenceSegmentation_AsParseEnglish(string text, int sentences) => Assert.Equal(sentences, Readability.Analyse(text).Sentences);
}
