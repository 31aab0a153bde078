namespace Belonging.Core.Privacy;

/// <summary>
/// A campaign's differential-privacy budget: the total ε its noisy releases may consume and the ε already spent.
/// Immutable; <see cref="Spend"/> returns a new budget. Under basic sequential composition, a campaign whose releases
/// each satisfy ε_i-DP satisfies (Σ ε_i)-DP, so keeping Σ ε_i ≤ <see cref="Total"/> bounds the privacy loss of everything
/// released from its live counts.
/// </summary>
/// <remarks>
/// Amounts are <see cref="decimal"/> so that repeated spends of e.g. 0.1 add up exactly (ten spends of 0.1 reach 1.0 and
/// not 0.9999999). Spent never decreases: there is no refund, and <c>with</c> cannot reset it (get-only properties).
/// </remarks>
public sealed record PrivacyBudget
{
    private PrivacyBudget(decimal total, decimal spent)
    {
        Total = total;
        Spent = spent;
    }

    /// <summary>The most ε the campaign may ever spend, &gt; 0.</summary>
    public decimal Total { get; }

    /// <summary>ε spent so far, in [0, <see cref="Total"/>].</summary>
    public decimal Spent { get; }

    /// <summary>ε left: <see cref="Total"/> − <see cref="Spent"/>, ≥ 0.</summary>
    public decimal Remaining => Total - Spent;

    /// <summary>A fresh budget with nothing spent.</summary>
    /// <param name="total">Total ε, &gt; 0.</param>
    /// <returns>The budget.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="total"/> ≤ 0.</exception>
    public static PrivacyBudget Create(decimal total) => Restore(total, 0m);

    /// <summary>Rebuilds a budget from stored values (e.g. a database row).</summary>
    /// <param name="total">Total ε, &gt; 0.</param>
    /// <param name="spent">ε already spent, in [0, <paramref name="total"/>].</param>
    /// <returns>The budget.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Total ≤ 0, spent negative or above the total.</exception>
    public static PrivacyBudget Restore(decimal total, decimal spent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        ArgumentOutOfRangeException.ThrowIfNegative(spent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spent, total);
        return new PrivacyBudget(total, spent);
    }

    /// <summary>True when a release costing <paramref name="epsilon"/> fits in what is left (ε ≤ <see cref="Remaining"/>, exactly).</summary>
    /// <param name="epsilon">Cost of the release, &gt; 0.</param>
    /// <returns>Whether <see cref="Spend"/> would succeed.</returns>
    public bool CanSpend(decimal epsilon) => epsilon > 0 && epsilon <= Remaining;

    /// <summary>
    /// Charges one release. Succeeds when ε ≤ <see cref="Remaining"/> (spending exactly the remainder is allowed) and returns
    /// the budget with <see cref="Spent"/> increased by ε; otherwise returns <see cref="PrivacyBudgetExceededError"/> and
    /// this budget is unchanged (nothing is spent on a refused release).
    /// </summary>
    /// <param name="epsilon">Cost of the release, &gt; 0.</param>
    /// <returns>The new budget or the error.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> ≤ 0 (a refund is a bug, not an expected failure).</exception>
    public Result<PrivacyBudget> Spend(decimal epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        return epsilon <= Remaining
            ? new PrivacyBudget(Total, Spent + epsilon)
            : new PrivacyBudgetExceededError(epsilon, Remaining);
    }
}
