namespace Belonging.Core.Privacy;

/// <summary>
/// An aggregate as it may leave the system: either <see cref="Reported{T}"/> (a value with its group size)
/// or <see cref="Suppressed{T}"/> (a reason, never a value or an exact count).
/// </summary>
/// <remarks>
/// The only way to create a <see cref="Reported{T}"/> is through the release rules in this namespace
/// (<see cref="MinimumGroupRule"/> and the release computation), so no code path can reach a number without
/// passing them. Consumers read a disclosure with <see cref="Match{TResult}"/>, which forces both cases to be
/// handled: there is no property on the base type that exposes a value.
/// </remarks>
/// <typeparam name="T">The aggregate's value type (a score, a count, a distribution…).</typeparam>
public abstract record Disclosure<T>
{
    private protected Disclosure()
    {
    }

    /// <summary>True when this disclosure carries a value.</summary>
    public abstract bool IsReported { get; }

    /// <summary>Handles both cases; the only way to read a value.</summary>
    /// <param name="reported">Called with the reported cell.</param>
    /// <param name="suppressed">Called with the suppressed cell.</param>
    /// <typeparam name="TResult">What both handlers return.</typeparam>
    /// <returns>The handler's result.</returns>
    public abstract TResult Match<TResult>(Func<Reported<T>, TResult> reported, Func<Suppressed<T>, TResult> suppressed);

    /// <summary>Transforms a reported value, keeping its n; a suppressed cell stays suppressed with the same reason.</summary>
    /// <param name="map">Pure function of the value.</param>
    /// <typeparam name="TOut">The new value type.</typeparam>
    /// <returns>The mapped disclosure.</returns>
    public abstract Disclosure<TOut> Map<TOut>(Func<T, TOut> map);
}

/// <summary>A released aggregate: <see cref="Value"/> computed over <see cref="N"/> respondents, with N ≥ the release threshold.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed record Reported<T> : Disclosure<T>
{
    internal Reported(T value, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Value = value;
        N = n;
    }

    /// <summary>The aggregate.</summary>
    public T Value { get; }

    /// <summary>Number of respondents behind the value (exact: it is only shown for released cells).</summary>
    public int N { get; }

    /// <inheritdoc />
    public override bool IsReported => true;

    /// <inheritdoc />
    public override TResult Match<TResult>(Func<Reported<T>, TResult> reported, Func<Suppressed<T>, TResult> suppressed)
    {
        ArgumentNullException.ThrowIfNull(reported);
        return reported(this);
    }

    /// <inheritdoc />
    public override Disclosure<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new Reported<TOut>(map(Value), N);
    }
}

/// <summary>A withheld aggregate. Carries why, never a value, a distribution or an exact count.</summary>
/// <typeparam name="T">The value type it would have had.</typeparam>
public sealed record Suppressed<T> : Disclosure<T>
{
    internal Suppressed(SuppressionReason reason) => Reason = reason;

    /// <summary>Why the cell is withheld.</summary>
    public SuppressionReason Reason { get; }

    /// <inheritdoc />
    public override bool IsReported => false;

    /// <inheritdoc />
    public override TResult Match<TResult>(Func<Reported<T>, TResult> reported, Func<Suppressed<T>, TResult> suppressed)
    {
        ArgumentNullException.ThrowIfNull(suppressed);
        return suppressed(this);
    }

    /// <inheritdoc />
    public override Disclosure<TOut> Map<TOut>(Func<T, TOut> map) => new Suppressed<TOut>(Reason);
}

/// <summary>Why a cell is withheld.</summary>
public enum SuppressionReason
{
    /// <summary>Fewer respondents than the campaign's minimum group size k (primary suppression).</summary>
    BelowThreshold = 1,

    /// <summary>Withheld so that another suppressed cell cannot be recovered by differencing (secondary suppression).</summary>
    Complementary = 2,

    /// <summary>No one in the group answered this item (nothing to report).</summary>
    NoAnswers = 3,

    /// <summary>Fewer distinct comment authors than the comment threshold k_c.</summary>
    BelowCommentThreshold = 4,

    /// <summary>The statistic needs a larger sample than the group has (e.g. driver analysis needs n ≥ 30).</summary>
    InsufficientSample = 5,

    /// <summary>
    /// Withheld by a campaign release, which cannot say whether too few answered or the cell protects another group:
    /// its published counts allow both, and telling which would hand an attacker the very bound the suppression
    /// removes. Where the published counts already imply one, the release says <see cref="BelowThreshold"/> or
    /// <see cref="Complementary"/> instead (docs/methods/campaign-release.md, "Why a cell is hidden").
    /// </summary>
    Protected = 6,

    /// <summary>The cell is not in the campaign's frozen release (not designated before launch, or a unit created or moved after close).</summary>
    NotInRelease = 7,
}
