using System.Text.RegularExpressions;
using Belonging.Core.Surveys;

namespace Belonging.Core.Tests.Surveys;

/// <summary>The default instrument uses only public-domain FEVS and OGL CSPS wording, verbatim, and covers every component.</summary>
public sealed partial class BlueprintCoreTests
{
    private static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    /// <summary>Minimal RFC 4180 field splitter for the reference CSVs (quoted fields with commas).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (ch == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }

    private static Dictionary<string, string> Fevs() =>
        File.ReadLines(TestData("fevs-2022-items.csv")).Skip(1).Select(Fields).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);

    private static Dictionary<string, string> Csps() =>
        File.ReadLines(TestData("csps-benchmark-median-2009-2020.csv")).Skip(1).Select(Fields)
            .Where(f => f.Count > 1)
            .ToDictionary(f => f[0].TrimStart('\uFEFF'), f => Placeholders(f[1]), StringComparer.Ordinal);

    /// <summary>"B40. I believe … [my organisation] (% strongly agree or agree)" → "I believe … my organisation".</summary>
    private static string Placeholders(string label)
    {
        var text = ItemNumber().Replace(label, "");
        text = Suffix().Replace(text, "");
        return text.Replace("[my organisation's]", "my organisation's", StringComparison.Ordinal)
            .Replace("[my organisation]", "my organisation", StringComparison.Ordinal)
            .Replace("[My organisation]", "My organisation", StringComparison.Ordinal)
            .Replace("[senior managers]", "senior managers", StringComparison.Ordinal)
            .Replace("[Senior managers]", "Senior managers", StringComparison.Ordinal)
            .Trim();
    }

    [GeneratedRegex(@"^[A-Z]\d+(_\d+)?\.\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ItemNumber();

    [GeneratedRegex(@"\s*\(%[^)]*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();

    [Fact]
    public void Items_FromFevsOrCsps_MatchPublishedWordingVerbatim()
    {
        var fevs = Fevs();
        var csps = Csps();
        foreach (var item in BlueprintCore.Instrument.Items)
        {
            var reference = item.Source.Split(' ')[^1];
            if (item.Source.StartsWith("US OPM Federal Employee Viewpoint Survey 2022", StringComparison.Ordinal))
            {
                Assert.Equal(fevs[reference], item.Text);
                Assert.StartsWith("Public domain", item.Licence, StringComparison.Ordinal);
            }
            else if (item.Source.StartsWith("UK Civil Service People Survey 2020", StringComparison.Ordinal))
            {
                var code = item.Scale == ItemScale.ZeroToTen ? "B48" : reference;
                Assert.Equal(csps[code], item.Text);
                Assert.Equal("Open Government Licence v3.0", item.Licence);
            }
            else
            {
                Assert.Equal(ItemScale.FreeText, item.Scale);   // only the open question is our own wording
            }
        }
    }

    [Fact]
    public void Instrument_CoversEveryComponentAndOutcome()
    {
        var items = BlueprintCore.Instrument.Items;
        foreach (var component in Enum.GetValues<BlueprintComponent>())
        {
            Assert.InRange(items.Count(i => i.Component == component), 3, 6);
        }

        Assert.Contains(items, i => i.Outcome == OutcomeKind.Belonging);
        Assert.Contains(items, i => i.Outcome == OutcomeKind.IntentToStay);
        Assert.Contains(items, i => i.Outcome == OutcomeKind.Recommend && i.Scale == ItemScale.ZeroToTen);
        Assert.Contains(items, i => i.Scale == ItemScale.FreeText);
        Assert.Equal(items.Count, items.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("Open Government Licence v3.0", BlueprintCore.Instrument.Attribution, StringComparison.Ordinal);
    }
}
