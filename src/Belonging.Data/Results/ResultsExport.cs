using System.Globalization;
using Belonging.Core.Privacy;
using Belonging.Core.Surveys;
using Belonging.Formats.Tables;

namespace Belonging.Data.Results;

/// <summary>
/// A campaign's results as a flat table for CSV and XLSX: every unit below the scope, then every designated breakdown
/// and intersection at the scope. Built only from <see cref="CampaignResults"/> tables, so a hidden cell is hidden here
/// too: its row carries the reason and no number, not even n.
/// </summary>
public static class ResultsExport
{
    /// <summary>Column headers, in order.</summary>
    public static readonly IReadOnlyList<string> Headers =
    [
        "section", "group", "level", "status", "respondents", "belonging_index", "index_ci_low", "index_ci_high",
        "leadership_vision", "psychological_safety", "inclusive_policies", "connection_community", "learning_unlearning", "feedback_accountability",
        "sense_of_belonging", "intent_to_stay_pct", "favourable_pct", "recommend_score", "scores_rounded_to_points",
    ];

    /// <summary>Builds the rows for <paramref name="scope"/> (text cells, invariant culture, numbers rounded to 0.1).</summary>
    public static IReadOnlyList<IReadOnlyList<string?>> Rows(CampaignData data, UnitNode scope)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scope);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var row in CampaignResults.Heatmap(data, scope, int.MaxValue).Rows)
        {
            rows.Add(Row("org unit", row.Label, row.Depth, row.Scores));
        }

        var policy = data.Release!.Policy;
        foreach (var attribute in policy.Attributes)
        {
            foreach (var row in CampaignResults.Breakdown(data, scope, attribute.Attribute).Value.Rows)
            {
                rows.Add(Row(attribute.Attribute, row.Label, 0, row.Scores));
            }
        }

        foreach (var pair in policy.Pairs)
        {
            foreach (var row in CampaignResults.Breakdown(data, scope, pair.First, pair.Second).Value.Rows)
            {
                rows.Add(Row($"{pair.First} × {pair.Second}", row.Label, 0, row.Scores));
            }
        }

        return rows;
    }

    /// <summary>The rows as CSV (UTF-8 with BOM, formula-safe).</summary>
    public static byte[] Csv(CampaignData data, UnitNode scope) => CsvExport.Write(Headers, Rows(data, scope));

    /// <summary>The rows as an XLSX workbook (one sheet, numbers as numbers).</summary>
    public static byte[] Xlsx(CampaignData data, UnitNode scope) => XlsxExport.Write("Results", Headers, Rows(data, scope));

    private static List<string?> Row(string section, string label, int level, Disclosure<GroupScores> scores) =>
        scores.Match(
            r =>
            {
                var s = r.Value;
                var row = new List<string?> { section, label, N(level), "reported", N(r.N) };
                row.AddRange(s.Index.Match(i => new[] { F(i.Value.Value), F(i.Value.Interval.Lower), F(i.Value.Interval.Upper) }, _ => new string?[] { null, null, null }));
                row.AddRange(s.Components.Select(c => c.Index.Match(i => (string?)F(i.Value.Value), _ => null)));
                row.Add(s.BelongingOutcome.Match(i => (string?)F(i.Value.Value), _ => null));
                row.Add(s.IntentToStay.Match(i => (string?)F(i.Value.Value), _ => null));
                row.Add(s.Favourable.Match(i => (string?)F(i.Value.Value), _ => null));
                row.Add(s.Recommend.Match(i => (string?)F(i.Value.Score), _ => null));
                row.Add(s.Precision.ToString("0", CultureInfo.InvariantCulture));
                return row;
            },
            h => [section, label, N(level), "hidden: " + h.Reason, .. Enumerable.Repeat<string?>(null, Headers.Count - 4)]);

    private static string F(double v) => Math.Round(v, 1).ToString("0.0", CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
