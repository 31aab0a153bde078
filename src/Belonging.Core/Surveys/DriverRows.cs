namespace Belonging.Core.Surveys;

/// <summary>Respondent-level rows for a driver analysis of the blueprint components on the sense-of-belonging outcome.</summary>
public static class DriverRows
{
    /// <summary>
    /// One row per member: the six component scores (0–100, mean of the keyed items they answered in that component),
    /// then the belonging outcome score; NaN where a respondent answered none of the items (the analysis drops such
    /// rows listwise).
    /// </summary>
    /// <param name="items">The instrument's items.</param>
    /// <param name="answerSets">All answer sets of the campaign.</param>
    /// <param name="members">Indices of the group's respondents.</param>
    /// <returns>Rows of length 7 (component order of <see cref="BlueprintComponent"/>, then the outcome).</returns>
    public static IReadOnlyList<double[]> ComponentsOnBelonging(IReadOnlyList<ScoredItem> items, IReadOnlyList<byte[]> answerSets, IReadOnlyList<int> members)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerSets);
        ArgumentNullException.ThrowIfNull(members);
        var components = Enum.GetValues<BlueprintComponent>();
        var agreement = items.Where(i => i.Scale == ItemScale.Agreement5).ToArray();
        var rows = new double[members.Count][];
        var sum = new int[components.Length + 1];
        var count = new int[components.Length + 1];
        for (var m = 0; m < members.Count; m++)
        {
            Array.Clear(sum);
            Array.Clear(count);
            var values = answerSets[members[m]];
            foreach (var item in agreement)
            {
                var a = item.Position < values.Length ? Scoring.Keyed(values[item.Position], item.ReverseKeyed) : Scoring.Missing;
                if (a == Scoring.Missing)
                {
                    continue;
                }

                var slot = item.Component is { } c ? (int)c - 1 : item.Outcome == OutcomeKind.Belonging ? components.Length : -1;
                if (slot >= 0)
                {
                    sum[slot] += a - 1;
                    count[slot]++;
                }
            }

            rows[m] = Enumerable.Range(0, components.Length + 1).Select(i => count[i] == 0 ? double.NaN : sum[i] * 25.0 / count[i]).ToArray();
        }

        return rows;
    }
}
