using Belonging.Core.Privacy;

namespace Belonging.Cli.Analysis;

/// <summary>
/// Which groups of one breakdown (the values of one column, within one population) may be shown, following the
/// product's release rules in miniature: primary suppression below k (<see cref="MinimumGroupRule"/>), then
/// complementary suppression so that the population total minus the shown groups never isolates fewer than k people.
/// </summary>
/// <remarks>
/// The population is known (it is shown), so everyone not in a shown group — hidden groups plus respondents with no
/// group value — can be recovered as one block by subtraction. That block must hold 0 or at least k people; while it
/// holds 1..k−1, the smallest shown group is withheld too (cheapest information loss first). A consequence used by the
/// gap analysis: a shown group's "rest" (population minus group) always has 0 or at least k people.
/// </remarks>
internal static class GroupRelease
{
    /// <summary>Decides the release of each group.</summary>
    /// <param name="rule">Minimum group size rule.</param>
    /// <param name="groupSizes">Respondents behind each group's figure (in display order).</param>
    /// <param name="unlabelled">Respondents in the population with no group value.</param>
    /// <returns>For each group: null when it may be shown, otherwise the suppression reason.</returns>
    public static SuppressionReason?[] Decide(MinimumGroupRule rule, IReadOnlyList<int> groupSizes, int unlabelled)
    {
        var reasons = new SuppressionReason?[groupSizes.Count];
        var hidden = unlabelled;
        for (var i = 0; i < groupSizes.Count; i++)
        {
            if (groupSizes[i] == 0)
            {
                reasons[i] = SuppressionReason.NoAnswers;
            }
            else if (groupSizes[i] < rule.K)
            {
                reasons[i] = SuppressionReason.BelowThreshold;
                hidden += groupSizes[i];
            }
        }

        while (hidden > 0 && hidden < rule.K)
        {
            var smallest = Enumerable.Range(0, groupSizes.Count)
                .Where(i => reasons[i] is null)
                .OrderBy(i => groupSizes[i])
                .ThenBy(i => i)
                .Cast<int?>()
                .FirstOrDefault();
            if (smallest is not { } s)
            {
                break;
            }

            reasons[s] = SuppressionReason.Complementary;
            hidden += groupSizes[s];
        }

        return reasons;
    }

    /// <summary>Applies <see cref="Decide"/>: a shown group passes through <see cref="MinimumGroupRule.Apply{T}"/>; the value is computed only for shown groups.</summary>
    public static Disclosure<T> Release<T>(MinimumGroupRule rule, SuppressionReason? reason, int n, Func<T> value) =>
        reason is { } why ? MinimumGroupRule.Suppress<T>(why) : rule.Apply(n, value);
}
