using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Belonging.Cli.Commands;

namespace Belonging.Cli.Tests.Commands;

/// <summary>
/// Runs <c>belonging analyze</c> in-process on the reference data in TestData (see PROVENANCE.md) and checks its JSON
/// against R (psych 2.2.9, stats::t.test, stats::factanal, rwa README) values in measurement-reference-values.json.
/// </summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private static readonly JsonElement Reference = LoadReference();
    private readonly string dir = Path.Combine(Path.GetTempPath(), "belonging-analyze-tests", Guid.CreateVersion7().ToString("N"));

    public AnalyzeCommandTests() => Directory.CreateDirectory(dir);

    public static TheoryData<string> Scales => new("agreeableness", "conscientiousness", "extraversion", "neuroticism", "openness");

    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    private static JsonElement LoadReference()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Data("measurement-reference-values.json")));
        return doc.RootElement.Clone();
    }

    private static (string Items, string Reverse) Keys(string scale)
    {
        var keys = Reference.GetProperty("bfi").GetProperty("keys").GetProperty(scale).EnumerateArray().Select(k => k.GetString()!).ToArray();
        return (string.Join(',', keys.Select(k => k.TrimStart('-'))), string.Join(',', keys.Where(k => k.StartsWith('-')).Select(k => k[1..])));
    }

    private static string[] BfiArgs(string analysis, string scale, params string[] more)
    {
        var (items, reverse) = Keys(scale);
        var args = new List<string> { "analyze", analysis, "--input", Data("bfi.csv"), "--items", items, "--scale-min", "1", "--scale-max", "6", "--format", "json" };
        if (reverse.Length > 0)
        {
            args.AddRange(["--reverse", reverse]);
        }

        args.AddRange(more);
        return [.. args];
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var root = new RootCommand();
        root.Subcommands.Add(AnalyzeCommand.Create(stdout, stderr));
        var exit = await root.Parse(args).InvokeAsync();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    private static JsonElement Find(JsonElement array, string property, string value) =>
        array.EnumerateArray().Single(e => e.GetProperty(property).GetString() == value);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public async Task Reliability_BfiPairwise_MatchesPsychAlpha(string scale)
    {
        var expected = Reference.GetProperty("bfi").GetProperty("scales").GetProperty(scale).GetProperty("psych_alpha_pairwise");

        var json = await JsonAsync(BfiArgs("reliability", scale, "--rule", "pairwise"));

        Assert.Equal("pairwise", json.GetProperty("missing_data_rule").GetString());
        var r = json.GetProperty("reliability");
        Assert.Equal(2800, r.GetProperty("n").GetInt32());
        Assert.Equal(D(expected, "raw_alpha"), D(r, "raw_alpha"), 1e-9);
        Assert.Equal(D(expected, "std_alpha"), D(r, "std_alpha"), 1e-9);
        Assert.Equal(D(expected, "average_r"), D(r, "average_r"), 1e-9);
        Assert.Equal(D(expected, "scale_mean"), D(r, "scale_mean"), 1e-9);
        Assert.Equal(D(expected, "scale_sd"), D(r, "scale_sd"), 1e-9);
        foreach (var item in r.GetProperty("item_statistics").EnumerateArray())
        {
            var name = item.GetProperty("item").GetString()!;
            Assert.Equal(expected.GetProperty("item_n").GetProperty(name).GetInt32(), item.GetProperty("n").GetInt32());
            Assert.Equal(D(expected.GetProperty("item_mean_keyed"), name), D(item, "mean"), 1e-9);
            Assert.Equal(D(expected.GetProperty("item_sd"), name), D(item, "sd"), 1e-9);
            Assert.Equal(D(expected.GetProperty("alpha_if_deleted_raw"), name), D(item, "alpha_if_deleted_raw"), 1e-9);
            Assert.Equal(D(expected.GetProperty("alpha_if_deleted_std"), name), D(item, "alpha_if_deleted_std"), 1e-9);
            Assert.Equal(D(expected.GetProperty("item_r_drop"), name), D(item, "r_drop"), 1e-9);
        }
    }

    [Fact]
    public async Task Reliability_AgreeablenessBrief_RawAlphaIsPsychValue()
    {
        var json = await JsonAsync("analyze", "reliability", "--input", Data("bfi.csv"), "--items", "A1,A2,A3,A4,A5", "--reverse", "A1", "--scale-min", "1", "--scale-max", "6", "--rule", "pairwise", "--format", "json");

        Assert.Equal(0.703018446057304, D(json.GetProperty("reliability"), "raw_alpha"), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public async Task Reliability_BfiListwise_MatchesCronbachAndFactanalOmega(string scale)
    {
        var expected = Reference.GetProperty("bfi").GetProperty("scales").GetProperty(scale).GetProperty("listwise");

        var json = await JsonAsync(BfiArgs("reliability", scale, "--rule", "listwise"));

        Assert.Equal("listwise", json.GetProperty("missing_data_rule").GetString());
        var r = json.GetProperty("reliability");
        Assert.Equal(expected.GetProperty("n").GetInt32(), r.GetProperty("n").GetInt32());
        Assert.Equal(D(expected, "raw_alpha"), D(r, "raw_alpha"), 1e-9);
        Assert.Equal(D(expected, "std_alpha"), D(r, "std_alpha"), 1e-9);
        // factanal stops at its own optimiser tolerance: omega agrees to about 1e-5 (as in the Core tests).
        Assert.Equal(D(expected, "omega_total_factanal_ML_1factor"), D(r, "omega_total"), 1e-5);
        foreach (var item in r.GetProperty("item_statistics").EnumerateArray())
        {
            Assert.Equal(D(expected.GetProperty("alpha_if_deleted_raw"), item.GetProperty("item").GetString()!), D(item, "alpha_if_deleted_raw"), 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public async Task Gaps_BfiGender_MatchesWelchAndCohensD(string scale)
    {
        var expected = Reference.GetProperty("bfi").GetProperty("group_gaps").GetProperty("scales").GetProperty(scale);

        var json = await JsonAsync(BfiArgs("gaps", scale, "--group", "gender"));

        var measure = json.GetProperty("gaps").GetProperty("measures")[0];
        Assert.Equal("score", measure.GetProperty("measure").GetString());
        var organisation = measure.GetProperty("organisation");
        Assert.Equal(2800, organisation.GetProperty("n").GetInt32());
        Assert.Equal(D(expected, "overall_mean"), D(organisation, "mean"), 1e-9);
        Assert.Equal(D(expected, "overall_sd"), D(organisation, "sd"), 1e-9);
        var female = Find(measure.GetProperty("groups"), "group", "2").GetProperty("summary");
        var male = Find(measure.GetProperty("groups"), "group", "1").GetProperty("summary");
        Assert.Equal(expected.GetProperty("n_female").GetInt32(), female.GetProperty("n").GetInt32());
        Assert.Equal(expected.GetProperty("n_male").GetInt32(), male.GetProperty("n").GetInt32());
        Assert.Equal(D(expected, "mean_female"), D(female, "mean"), 1e-9);
        Assert.Equal(D(expected, "sd_male"), D(male, "sd"), 1e-9);

        var rows = measure.GetProperty("gaps").EnumerateArray().ToArray();
        var femaleVsRest = rows.Single(r => r.GetProperty("group").GetString() == "2" && r.GetProperty("comparison").GetString() == "rest");
        Assert.Equal(D(expected, "diff_female_minus_male"), D(femaleVsRest, "difference"), 1e-9);
        Assert.Equal(D(expected, "welch_t"), D(femaleVsRest, "t"), 1e-7);
        Assert.Equal(D(expected, "welch_df"), D(femaleVsRest, "df"), 1e-6);
        Assert.Equal(1, D(femaleVsRest, "p") / D(expected, "welch_p"), 1e-6);
        Assert.Equal(D(expected, "cohens_d"), D(femaleVsRest, "cohens_d"), 1e-9);
        // Hedges' g: the exact J(df) differs from Hedges & Olkin's (1985) approximation 1 − 3/(4·df − 1) by about 4e-9 at df ≈ 2800.
        var df = expected.GetProperty("n_female").GetInt32() + expected.GetProperty("n_male").GetInt32() - 2;
        Assert.Equal(D(expected, "cohens_d") * (1 - (3.0 / ((4.0 * df) - 1))), D(femaleVsRest, "hedges_g"), 1e-8);
        Assert.InRange(D(expected, "diff_female_minus_male"), D(femaleVsRest, "ci_lower"), D(femaleVsRest, "ci_upper"));

        // Against everyone: group − organisation, same test (group − organisation = (1 − n_g/N)(group − rest)).
        var femaleVsAll = rows.Single(r => r.GetProperty("group").GetString() == "2" && r.GetProperty("comparison").GetString() == "organisation");
        Assert.Equal(D(expected, "mean_female") - D(expected, "overall_mean"), D(femaleVsAll, "difference"), 1e-9);
        Assert.Equal(D(femaleVsRest, "p"), D(femaleVsAll, "p"));

        // The male rows mirror the female ones (two groups: each is the other's rest).
        var maleVsRest = rows.Single(r => r.GetProperty("group").GetString() == "1" && r.GetProperty("comparison").GetString() == "rest");
        Assert.Equal(-D(expected, "cohens_d"), D(maleVsRest, "cohens_d"), 1e-9);

        // Benjamini–Hochberg over every p shown: never below the raw p, never above 1.
        foreach (var row in rows)
        {
            Assert.InRange(D(row, "p_bh"), D(row, "p"), 1.0);
            Assert.InRange(D(row, "favourable_p_bh"), D(row, "favourable_p"), 1.0);
        }

        Assert.Equal(rows.Length * 2, json.GetProperty("gaps").GetProperty("p_values_adjusted").GetInt32());
    }

    [Fact]
    public async Task Gaps_AgreeablenessByGender_DIsReferenceValue()
    {
        var json = await JsonAsync("analyze", "gaps", "--input", Data("bfi.csv"), "--items-prefix", "A", "--reverse", "A1", "--scale-min", "1", "--scale-max", "6", "--group", "gender", "--format", "json");

        var rows = json.GetProperty("gaps").GetProperty("measures")[0].GetProperty("gaps").EnumerateArray();
        var femaleVsRest = rows.Single(r => r.GetProperty("group").GetString() == "2" && r.GetProperty("comparison").GetString() == "rest");
        Assert.Equal(0.451385669660463, D(femaleVsRest, "cohens_d"), 1e-9);
        Assert.Equal(["A1", "A2", "A3", "A4", "A5"], json.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task AnyReport_SaysItsSuppressionProtectsThisReportOnly()
    {
        var args = new[] { "analyze", "gaps", "--input", Data("bfi.csv"), "--items-prefix", "A", "--reverse", "A1", "--scale-min", "1", "--scale-max", "6", "--group", "gender" };
        var json = await JsonAsync([.. args, "--format", "json"]);
        var (exit, text, _) = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains("within this one report only", json.GetProperty("privacy_scope").GetString(), StringComparison.Ordinal);
        Assert.Contains("within this one report only", string.Join(' ', text.Split((char[])[' ', '\n', '\r', '│'], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gaps_PerItem_OrganisationRowsMatchPsychItemStatistics()
    {
        var expected = Reference.GetProperty("bfi").GetProperty("scales").GetProperty("agreeableness").GetProperty("psych_alpha_pairwise");

        var json = await JsonAsync(BfiArgs("gaps", "agreeableness", "--group", "gender", "--per-item"));

        var measures = json.GetProperty("gaps").GetProperty("measures").EnumerateArray().ToArray();
        Assert.Equal(["score", "A1", "A2", "A3", "A4", "A5"], measures.Select(m => m.GetProperty("measure").GetString()));
        foreach (var m in measures.Skip(1))
        {
            var item = m.GetProperty("measure").GetString()!;
            var organisation = m.GetProperty("organisation");
            Assert.Equal(expected.GetProperty("item_n").GetProperty(item).GetInt32(), organisation.GetProperty("n").GetInt32());
            Assert.Equal(D(expected.GetProperty("item_mean_keyed"), item), D(organisation, "mean"), 1e-9);
            Assert.Equal(D(expected.GetProperty("item_sd"), item), D(organisation, "sd"), 1e-9);
            Assert.Equal(4, m.GetProperty("gaps").GetArrayLength());
        }

        Assert.Equal(6 * 4 * 2, json.GetProperty("gaps").GetProperty("p_values_adjusted").GetInt32());
    }

    [Fact]
    public async Task Drivers_Mtcars_MatchesRwaReadmeAndDominance()
    {
        var published = Reference.GetProperty("relative_importance").GetProperty("mtcars_rwa").GetProperty("published_rwa_README");
        var dominance = Reference.GetProperty("relative_importance").GetProperty("mtcars_dominance_same_model");

        var json = await JsonAsync("analyze", "drivers", "--input", Data("mtcars.csv"), "--outcome", "mpg", "--predictors", "cyl,disp,hp,gear", "--format", "json");

        Assert.Equal("listwise", json.GetProperty("missing_data_rule").GetString());
        var organisation = json.GetProperty("drivers").GetProperty("organisation");
        Assert.Equal(32, organisation.GetProperty("n").GetInt32());
        Assert.Equal(0.7791896, D(organisation, "r_squared"), 5e-8);
        foreach (var d in organisation.GetProperty("drivers").EnumerateArray())
        {
            var name = d.GetProperty("predictor").GetString()!;
            Assert.Equal(D(published.GetProperty("raw"), name), D(d, "raw_weight"), 5e-8);
            Assert.Equal(D(published.GetProperty("rescaled_pct"), name), D(d, "rescaled_pct"), 5e-6);
            Assert.Equal(D(dominance.GetProperty("general_dominance"), name), D(d, "general_dominance"), 1e-10);
        }

        Assert.Equal("hp", organisation.GetProperty("drivers").EnumerateArray().Single(d => d.GetProperty("rank").GetInt32() == 1).GetProperty("predictor").GetString());
    }

    [Fact]
    public async Task Drivers_GroupsBelowThirty_SuppressedAsInsufficientSample()
    {
        var json = await JsonAsync("analyze", "drivers", "--input", Data("mtcars.csv"), "--outcome", "mpg", "--predictors", "cyl,disp,hp,gear", "--group", "am", "--format", "json");

        foreach (var group in json.GetProperty("drivers").GetProperty("groups").EnumerateArray())
        {
            Assert.Equal("suppressed", group.GetProperty("status").GetString());
            Assert.Equal("insufficient_sample", group.GetProperty("reason").GetString());
            Assert.False(group.TryGetProperty("result", out _));
        }
    }

    [Fact]
    public async Task Trend_BfiEducationAsWaves_CellsAndChangesMatchReference()
    {
        var cells = Reference.GetProperty("bfi").GetProperty("group_gaps").GetProperty("agreeableness_by_gender_x_education").GetProperty("cells").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("gender").GetInt32().ToString(CultureInfo.InvariantCulture), c.GetProperty("education").GetInt32().ToString(CultureInfo.InvariantCulture)));

        var json = await JsonAsync(BfiArgs("trend", "agreeableness", "--wave", "education", "--group", "gender"));

        var trend = json.GetProperty("trend");
        Assert.Equal(["1", "2", "3", "4", "5"], trend.GetProperty("waves").EnumerateArray().Select(w => w.GetString()));
        foreach (var gender in new[] { "1", "2" })
        {
            var series = Find(trend.GetProperty("series"), "group", gender);
            foreach (var point in series.GetProperty("points").EnumerateArray())
            {
                var expected = cells[(gender, point.GetProperty("wave").GetString()!)];
                var summary = point.GetProperty("summary");
                Assert.Equal(expected.GetProperty("n").GetInt32(), summary.GetProperty("n").GetInt32());
                Assert.Equal(D(expected, "mean"), D(summary, "mean"), 1e-9);
                Assert.Equal(D(expected, "sd"), D(summary, "sd"), 1e-9);
            }

            foreach (var change in series.GetProperty("changes").EnumerateArray())
            {
                // Independent check from R's cell summaries: Welch t = (m₂ − m₁) / √(s₁²/n₁ + s₂²/n₂).
                var from = cells[(gender, change.GetProperty("from").GetString()!)];
                var to = cells[(gender, change.GetProperty("to").GetString()!)];
                var va = Math.Pow(D(to, "sd"), 2) / D(to, "n");
                var vb = Math.Pow(D(from, "sd"), 2) / D(from, "n");
                var comparison = change.GetProperty("comparison");
                Assert.Equal(D(to, "mean") - D(from, "mean"), D(comparison, "difference"), 1e-9);
                Assert.Equal((D(to, "mean") - D(from, "mean")) / Math.Sqrt(va + vb), D(comparison, "t"), 1e-7);
                Assert.Equal((va + vb) * (va + vb) / ((va * va / (D(to, "n") - 1)) + (vb * vb / (D(from, "n") - 1))), D(comparison, "df"), 1e-6);
                Assert.InRange(D(comparison, "difference"), D(comparison, "ci_lower"), D(comparison, "ci_upper"));
            }
        }
    }

    /// <summary>Three groups of 12, 10 and 3: "tiny" is below k = 5 and "mid" is withheld too, or org − big − mid would reveal tiny.</summary>
    private string SmallGroupFile()
    {
        var lines = new List<string> { "q1,q2,team" };
        var random = new Random(7);
        for (var i = 0; i < 12; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 6)},{random.Next(1, 6)},big"));
        }

        for (var i = 0; i < 10; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{random.Next(2, 6)},{random.Next(1, 5)},mid"));
        }

        lines.AddRange(["1,1,tiny", "1,2,tiny", "2,1,tiny"]);
        return Write("small.csv", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public async Task Gaps_GroupOfThree_NoNumbersForItAndItsComplementHidden()
    {
        var file = SmallGroupFile();

        var (exit, output, error) = await RunAsync("analyze", "gaps", "--input", file, "--items", "q1,q2", "--scale-min", "1", "--scale-max", "5", "--group", "team", "--min-group", "5", "--format", "json");

        Assert.True(exit == 0, error);
        var measure = JsonDocument.Parse(output).RootElement.GetProperty("gaps").GetProperty("measures")[0];
        var tiny = Find(measure.GetProperty("groups"), "group", "tiny");
        Assert.Equal("suppressed", tiny.GetProperty("status").GetString());
        Assert.Equal("below_minimum_group_size", tiny.GetProperty("reason").GetString());
        Assert.Equal(["group", "status", "reason"], tiny.EnumerateObject().Select(p => p.Name));
        var mid = Find(measure.GetProperty("groups"), "group", "mid");
        Assert.Equal("complementary", mid.GetProperty("reason").GetString());
        Assert.False(mid.TryGetProperty("summary", out _));
        Assert.Equal(25, measure.GetProperty("organisation").GetProperty("n").GetInt32());
        var gaps = measure.GetProperty("gaps").EnumerateArray().ToArray();
        Assert.All(gaps, g => Assert.Equal("big", g.GetProperty("group").GetString()));
        Assert.All(gaps, g => Assert.True(g.GetProperty("n_comparison").GetInt32() >= 5));
        Assert.DoesNotContain("1.333", output, StringComparison.Ordinal); // tiny's mean score (1, 1.5, 1.5 → 1.333…)
    }

    [Fact]
    public async Task Gaps_GroupOfThree_TableShowsItHiddenWithoutNumbers()
    {
        var file = SmallGroupFile();
        var report = Path.Combine(dir, "report.txt");

        var (exit, _, error) = await RunAsync("analyze", "gaps", "--input", file, "--items", "q1,q2", "--scale-min", "1", "--scale-max", "5", "--group", "team", "--min-group", "5", "--output", report);

        Assert.True(exit == 0, error);
        var lines = await File.ReadAllLinesAsync(report);
        var tinyLines = lines.Where(l => l.Contains("tiny", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(tinyLines);
        Assert.All(tinyLines, l => Assert.Contains("hidden", l, StringComparison.Ordinal));
        Assert.All(tinyLines, l => Assert.DoesNotMatch(@"\d", l));
        Assert.Contains(lines, l => l.Contains("pairwise", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("(organisation)", StringComparison.Ordinal) && l.Contains(" 25 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trend_SmallGroupInOneWave_WithheldAndNotCompared()
    {
        var lines = new List<string> { "q1,q2,wave,team" };
        for (var i = 0; i < 20; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{1 + (i % 5)},{1 + ((i * 3) % 5)},2024,{(i < 10 ? "a" : "b")}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{1 + ((i + 1) % 5)},{1 + ((i * 2) % 5)},2025,{(i < 17 ? "a" : "b")}"));
        }

        var file = Write("waves.csv", string.Join('\n', lines) + "\n");

        var json = await JsonAsync("analyze", "trend", "--input", file, "--items", "q1,q2", "--wave", "wave", "--group", "team", "--format", "json");

        var b = Find(json.GetProperty("trend").GetProperty("series"), "group", "b");
        var b2025 = Find(b.GetProperty("points"), "wave", "2025");
        Assert.Equal("suppressed", b2025.GetProperty("status").GetString());
        Assert.False(b2025.TryGetProperty("summary", out _));
        Assert.Equal("not_compared", b.GetProperty("changes")[0].GetProperty("status").GetString());
        // Team a in 2025 (17 of 20) is withheld too: otherwise everyone − a would reveal b's three people.
        var a = Find(json.GetProperty("trend").GetProperty("series"), "group", "a");
        Assert.Equal("complementary", Find(a.GetProperty("points"), "wave", "2025").GetProperty("reason").GetString());
        var everyone = Find(json.GetProperty("trend").GetProperty("series"), "group", "(everyone)");
        Assert.Equal("reported", everyone.GetProperty("changes")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task MissingTokens_AreMissingNotZero()
    {
        var file = Write("missing.csv", "q1,q2\n4,4\n2,NA\n4,dont_know\n2,\n4,DONT_KNOW\n2,2\n");

        var json = await JsonAsync("analyze", "reliability", "--input", file, "--items", "q1,q2", "--min-group", "3", "--format", "json");

        var q2 = Find(json.GetProperty("reliability").GetProperty("item_statistics"), "item", "q2");
        Assert.Equal(2, q2.GetProperty("n").GetInt32());
        Assert.Equal(3.0, D(q2, "mean"), 1e-12);
        Assert.Equal(6, json.GetProperty("reliability").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Output_JsonFile_WrittenInvariantAndStatesRuleAndN()
    {
        var path = Path.Combine(dir, "out.json");
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var (exit, _, error) = await RunAsync(BfiArgs("reliability", "agreeableness", "--output", path));
            Assert.True(exit == 0, error);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("\"raw_alpha\": 0.70301844605", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal("pairwise", doc.RootElement.GetProperty("missing_data_rule").GetString());
        Assert.Equal(5, doc.RootElement.GetProperty("minimum_group_size").GetInt32());
        Assert.Equal(2800, doc.RootElement.GetProperty("reliability").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Errors_MissingFile_Exit2()
    {
        var (exit, _, error) = await RunAsync("analyze", "reliability", "--input", Path.Combine(dir, "absent.csv"), "--items", "A1,A2");
        Assert.Equal(2, exit);
        Assert.Contains("File not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_UnknownColumn_Exit2NamesIt()
    {
        var (exit, _, error) = await RunAsync("analyze", "gaps", "--input", Data("bfi.csv"), "--items", "A1,A2", "--scale-max", "6", "--group", "department");
        Assert.Equal(2, exit);
        Assert.Contains("no column \"department\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_NonNumericValue_Exit2WithRowAndColumn()
    {
        var file = Write("text.csv", "q1,q2\n1,2\n3,4\n5,often\n2,2\n3,3\n");
        var (exit, output, error) = await RunAsync("analyze", "reliability", "--input", file, "--items", "q1,q2");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Row 4, column q2", error, StringComparison.Ordinal);
        Assert.Contains("\"often\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_ZeroOutsideScale_Exit2WithRowAndColumn()
    {
        var file = Write("zero.csv", "q1,q2\n1,2\n3,4\n0,5\n2,2\n3,3\n");
        var (exit, _, error) = await RunAsync("analyze", "reliability", "--input", file, "--items", "q1,q2", "--scale-min", "1", "--scale-max", "5");
        Assert.Equal(2, exit);
        Assert.Contains("Row 4, column q1", error, StringComparison.Ordinal);
        Assert.Contains("outside the scale", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_TooFewRows_Exit2()
    {
        var file = Write("few.csv", "q1,q2\n1,2\n3,4\n2,2\n");
        var (exit, _, error) = await RunAsync("analyze", "reliability", "--input", file, "--items", "q1,q2");
        Assert.Equal(2, exit);
        Assert.Contains("Too few rows", error, StringComparison.Ordinal);

        var (driversExit, _, driversError) = await RunAsync("analyze", "drivers", "--input", Data("mtcars.csv"), "--outcome", "mpg", "--predictors", "cyl,disp", "--group", "am", "--min-group", "40");
        Assert.Equal(2, driversExit);
        Assert.Contains("Too few rows", driversError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-group", "2")]
    [InlineData("--rule", "casewise")]
    [InlineData("--format", "xml")]
    public async Task Errors_BadOption_Exit2(string option, string value)
    {
        var (exit, _, error) = await RunAsync("analyze", "reliability", "--input", Data("bfi.csv"), "--items", "A1,A2", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_ReverseWithoutScale_Exit2()
    {
        var (exit, _, error) = await RunAsync("analyze", "reliability", "--input", Data("bfi.csv"), "--items", "A1,A2", "--reverse", "A1");
        Assert.Equal(2, exit);
        Assert.Contains("--scale-min", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_DuplicateColumn_Exit2()
    {
        var file = Write("dup.csv", "q1,q1,q2\n1,2,3\n3,4,5\n2,2,2\n3,3,3\n4,4,4\n");
        var (exit, _, error) = await RunAsync("analyze", "reliability", "--input", file, "--items", "q1,q2");
        Assert.Equal(2, exit);
        Assert.Contains("\"q1\" more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_FavourableOutsideScale_Exit2()
    {
        var (exit, _, error) = await RunAsync("analyze", "gaps", "--input", Data("bfi.csv"), "--items", "A2,A3", "--scale-min", "1", "--scale-max", "6", "--group", "gender", "--favourable", "7");
        Assert.Equal(2, exit);
        Assert.Contains("--favourable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_DriversPairwise_Exit2()
    {
        var (exit, _, error) = await RunAsync("analyze", "drivers", "--input", Data("mtcars.csv"), "--outcome", "mpg", "--predictors", "cyl,disp", "--rule", "pairwise");
        Assert.Equal(2, exit);
        Assert.Contains("listwise", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
