using Belonging.Core.Statistics;

namespace Belonging.Core.Surveys;

/// <summary>Reliability of one blueprint component's items in a group.</summary>
/// <param name="Component">The component.</param>
/// <param name="Items">Its agreement items (codes or positions as text).</param>
/// <param name="Result">The reliability figures, or null when the component has fewer than 2 items or too few answers (fewer than 2 usable respondents, or an item answered by fewer than 2).</param>
public sealed record ComponentReliabilityRow(BlueprintComponent Component, IReadOnlyList<string> Items, ReliabilityResult? Result);

/// <summary>Internal consistency of each blueprint component in a group (do its questions measure one thing?).</summary>
public static class ComponentReliability
{
    /// <summary>
    /// Cronbach's alpha (raw and standardised, pairwise covariances as <c>psych::alpha</c>), alpha-if-deleted,
    /// corrected item–total correlations and omega total per component, on keyed answers 1–5 ("don't know" and
    /// skipped are missing).
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets of the campaign.</param>
    /// <param name="members">The group's respondents.</param>
    /// <param name="name">Display name of an item (e.g. its code).</param>
    /// <param name="rule">Missing-data rule (default pairwise, psych's default).</param>
    /// <returns>One row per component, in component order.</returns>
    public static IReadOnlyList<ComponentReliabilityRow> Analyse(
        IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members, Func<ScoredItem, string> name, MissingDataRule rule = MissingDataRule.Pairwise)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerSets);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(name);
        var rows = new List<ComponentReliabilityRow>();
        foreach (var component in Enum.GetValues<BlueprintComponent>())
        {
            var scale = items.Where(i => i.Scale == ItemScale.Agreement5 && i.Component == component).ToArray();
            var names = scale.Select(name).ToArray();
            if (scale.Length < 2)
            {
                rows.Add(new ComponentReliabilityRow(component, names, null));
                continue;
            }

            var data = members.Select(m =>
            {
                var values = answerSets[m];
                return scale.Select(i =>
                {
                    var a = i.Position < values.Length ? Scoring.Keyed(values[i.Position], i.ReverseKeyed) : Scoring.Missing;
                    return a == Scoring.Missing ? double.NaN : a;
                }).ToArray();
            }).ToArray();
            rows.Add(new ComponentReliabilityRow(component, names, Reliability.CanAnalyse(data, rule) ? Reliability.Analyse(data, names, rule) : null));
        }

        return rows;
    }
}
