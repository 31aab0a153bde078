using Belonging.Core.Privacy;
using Belonging.Core.Statistics;

namespace Belonging.Core.Surveys;

/// <summary>One group's gap to the rest of its scope and to the whole scope.</summary>
/// <param name="Label">Group label.</param>
/// <param name="Index">The group's belonging index (or why it is hidden).</param>
/// <param name="VsRest">Index gap to everyone else in the scope (Welch), or null.</param>
/// <param name="VsWhole">Index gap to the whole scope, or null.</param>
/// <param name="FavourableVsRest">Gap in % favourable (all component questions) to the rest, in percentage points, or null.</param>
/// <param name="AdjustedP">Benjamini–Hochberg adjusted p of <paramref name="VsRest"/> across every gap in the same table.</param>
/// <param name="Significant">True when <paramref name="AdjustedP"/> ≤ the table's false discovery rate.</param>
/// <param name="NotCompared">Plain reason when no comparison is shown (the group is hidden, or the rest is smaller than k).</param>
/// <param name="Precision">Points the group's figures are published at (<see cref="GroupScores.Precision"/>).</param>
public sealed record GapRow(
    string Label, Disclosure<Estimate> Index, Comparison? VsRest, Comparison? VsWhole, Comparison? FavourableVsRest,
    double? AdjustedP, bool Significant, string? NotCompared, double Precision = ValueWindow.Precision);

/// <summary>Gap tables: every group of a breakdown against the rest of its scope, with false-discovery-rate control.</summary>
public static class GapAnalysis
{
    /// <summary>
    /// Compares each released group with the rest of the scope and with the whole scope. A comparison with "the rest"
    /// is made only when the rest has at least <paramref name="k"/> respondents: otherwise the gap and the group's
    /// own figures would disclose the small rest's mean. p-values are adjusted with Benjamini–Hochberg across all
    /// comparisons in the table, and a gap is flagged when its adjusted p ≤ <paramref name="falseDiscoveryRate"/>.
    /// </summary>
    /// <param name="groups">The breakdown's groups with their scores (released or not).</param>
    /// <param name="whole">The scope all groups belong to (they must be disjoint subsets of it).</param>
    /// <param name="k">Minimum group size of the campaign.</param>
    /// <param name="falseDiscoveryRate">FDR level q (default 0.05).</param>
    /// <returns>One row per group, in input order.</returns>
    public static IReadOnlyList<GapRow> Compare(
        IReadOnlyList<(string Label, Disclosure<GroupScores> Scores)> groups, Disclosure<GroupScores> whole, int k, double falseDiscoveryRate = 0.05)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(whole);
        var wholeScores = whole.Match(r => (GroupScores?)r.Value, _ => null);
        var wholeIndex = wholeScores?.Index.Match(r => (Estimate?)r.Value, _ => null);
        var wholeFavourable = wholeScores?.Favourable.Match(r => (Estimate?)r.Value, _ => null);
        var rows = new List<GapRow>(groups.Count);
        foreach (var (label, scores) in groups)
        {
            var index = scores.Match(r => r.Value.Index, s => new Suppressed<Estimate>(s.Reason));
            var estimate = index.Match(r => (Estimate?)r.Value, _ => null);
            if (estimate is null || wholeIndex is null)
            {
                rows.Add(new GapRow(label, index, null, null, null, null, false, estimate is null ? "The group is hidden." : "The whole group is hidden."));
                continue;
            }

            var precision = scores.Match(r => r.Value.Precision, _ => ValueWindow.Precision);
            var restN = wholeIndex.Sample.N - estimate.Sample.N;
            if (restN < k)
            {
                rows.Add(new GapRow(label, index, null, null, null, null, false, "Everyone else is too few people to compare with.", precision));
                continue;
            }

            var vsRest = Comparison.Between(estimate.Sample, Gaps.Remainder(wholeIndex.Sample, estimate.Sample));
            var vsWhole = Comparison.WithWhole(estimate.Sample, wholeIndex.Sample);
            var favourable = scores.Match(r => r.Value.Favourable.Match(x => (Estimate?)x.Value, _ => null), _ => null);
            var favourableVsRest = favourable is not null && wholeFavourable is not null
                ? Comparison.Between(favourable.Sample, Gaps.Remainder(wholeFavourable.Sample, favourable.Sample))
                : null;
            rows.Add(new GapRow(label, index, vsRest, vsWhole, favourableVsRest, null, false, vsRest is null ? "No spread in the answers to test." : null, precision));
        }

        var tested = rows.Select((r, i) => (r, i)).Where(x => x.r.VsRest is not null).ToArray();
        var adjusted = Gaps.BenjaminiHochberg(tested.Select(x => x.r.VsRest!.P).ToArray());
        for (var j = 0; j < tested.Length; j++)
        {
            rows[tested[j].i] = tested[j].r with { AdjustedP = adjusted[j], Significant = adjusted[j] <= falseDiscoveryRate };
        }

        return rows;
    }
}
