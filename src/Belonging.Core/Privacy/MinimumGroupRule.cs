namespace Belonging.Core.Privacy;

/// <summary>
/// Primary suppression: a cell is reported only when at least <see cref="K"/> distinct respondents are behind it.
/// </summary>
/// <remarks>
/// This is the one gate that creates <see cref="Reported{T}"/> values for single cells. Secondary (complementary)
/// suppression is applied on top of it by the release computation, which may turn reported cells into
/// <see cref="SuppressionReason.Complementary"/> suppressions but never the reverse.
/// </remarks>
public sealed record MinimumGroupRule
{
    /// <summary>The smallest k any campaign may use. Below 3, a respondent and one colleague could pool answers to learn a third person's.</summary>
    public const int Floor = 3;

    /// <summary>The default k.</summary>
    public const int Default = 5;

    /// <summary>Creates the rule.</summary>
    /// <param name="k">Minimum group size; must be at least <see cref="Floor"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is below <see cref="Floor"/>.</exception>
    public MinimumGroupRule(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, Floor);
        K = k;
    }

    /// <summary>The minimum number of respondents behind a reported cell.</summary>
    public int K { get; }

    /// <summary>Releases <paramref name="value"/> if <paramref name="n"/> ≥ k, otherwise suppresses it.</summary>
    /// <param name="n">Distinct respondents behind the cell (not answers: one person counts once).</param>
    /// <param name="value">Computes the value; only called when the cell is released, so nothing below k is even computed.</param>
    /// <typeparam name="T">Value type.</typeparam>
    /// <returns><see cref="Reported{T}"/> or <see cref="Suppressed{T}"/>; n = 0 gives <see cref="SuppressionReason.NoAnswers"/>.</returns>
    public Disclosure<T> Apply<T>(int n, Func<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0)
        {
            return new Suppressed<T>(SuppressionReason.NoAnswers);
        }

        return n >= K ? new Reported<T>(value(), n) : new Suppressed<T>(SuppressionReason.BelowThreshold);
    }

    /// <summary>Suppresses a cell for a reason other than size (e.g. complementary suppression decided by the release).</summary>
    /// <param name="reason">Why.</param>
    /// <typeparam name="T">Value type.</typeparam>
    /// <returns>A suppressed cell.</returns>
    public static Disclosure<T> Suppress<T>(SuppressionReason reason) => new Suppressed<T>(reason);
}
