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
        return FromStatistics(items, Summarise(items, answerSets, members, name, rule), name);
    }

    /// <summary>
    /// The sufficient statistics of <see cref="Analyse"/> per component, in component order: null where the component
    /// has fewer than 2 items or too few answers (the row then carries no result).
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets of the campaign.</param>
    /// <param name="members">The group's respondents.</param>
    /// <param name="name">Display name of an item (error messages only).</param>
    /// <param name="rule">Missing-data rule (default pairwise).</param>
    /// <returns>One entry per component.</returns>
    public static IReadOnlyList<ReliabilityStatistics?> Summarise(
        IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members, Func<ScoredItem, string> name, MissingDataRule rule = MissingDataRule.Pairwise)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerSets);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(name);
        var result = new List<ReliabilityStatistics?>();
        foreach (var component in Enum.GetValues<BlueprintComponent>())
        {
            var scale = Scale(items, component);
            if (scale.Length < 2)
            {
                result.Add(null);
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
            result.Add(Reliability.CanAnalyse(data, rule) ? Reliability.Summarise(data, scale.Select(name).ToArray(), rule) : null);
        }

        return result;
    }

    /// <summary>The rows of <see cref="Analyse"/> from the statistics <see cref="Summarise"/> gave (the same numbers).</summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="statistics">One entry per component, in component order.</param>
    /// <param name="name">Display name of an item.</param>
    /// <returns>One row per component, in component order.</returns>
    public static IReadOnlyList<ComponentReliabilityRow> FromStatistics(IReadOnlyList<ScoredItem> items, IReadOnlyList<ReliabilityStatistics?> statistics, Func<ScoredItem, string> name)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(name);
        var components = Enum.GetValues<BlueprintComponent>();
        return components.Select((component, i) =>
        {
            var names = Scale(items, component).Select(name).ToArray();
            return new ComponentReliabilityRow(component, names, i < statistics.Count && statistics[i] is { } s ? Reliability.Analyse(s, names) : null);
        }).ToArray();
    }

    private static ScoredItem[] Scale(IReadOnlyList<ScoredItem> items, BlueprintComponent component) =>
        items.Where(i => i.Scale == ItemScale.Agreement5 && i.Component == component).ToArray();
}
