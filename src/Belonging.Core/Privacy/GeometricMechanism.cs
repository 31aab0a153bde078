namespace Belonging.Core.Privacy;

/// <summary>
/// The two-sided geometric (discrete Laplace) mechanism for integer counts: releases <c>count + Z</c> where
/// P(Z = z) = (1 − α) / (1 + α) · α^|z| for every integer z, with α = exp(−ε/Δ). For any two inputs that differ by at most
/// Δ, every output is at most e^ε times as likely under one as under the other (ε-differential privacy; Ghosh,
/// Roughgarden and Sundararajan 2009).
/// </summary>
/// <remarks>
/// <para>
/// Sampling is exact: ε is taken as the rational number p/q its decimal spells, and Z is drawn with Algorithm 2 of
/// Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020), which needs only
/// uniform integers and Bernoulli(exp(−n/d)) trials built from them — no logarithm, no floating-point rounding, so the
/// output distribution is the stated one for every ε, however small, given a uniform <see cref="IRandomSource"/>.
/// </para>
/// <para>
/// <see cref="Release"/> then clamps to [0, known total]. Clamping is post-processing of the noisy value alone, so it keeps
/// ε-DP; it biases the released figure towards the interior near the bounds, which is accepted for a display figure.
/// </para>
/// </remarks>
public sealed class GeometricMechanism
{
    /// <summary>Largest ε accepted (α = e^−1000/Δ is already 0 in double precision: no noise at all).</summary>
    public const decimal MaxEpsilon = 1000m;

    /// <summary>Largest sensitivity accepted.</summary>
    public const int MaxSensitivity = 1_000_000;

    private const ulong MaxDenominator = 1_000_000_000;

    private readonly ulong numerator;
    private readonly ulong denominator;

    /// <summary>Creates the mechanism for one ε and sensitivity.</summary>
    /// <param name="epsilon">Privacy loss per release, in (0, <see cref="MaxEpsilon"/>], with at most 9 significant decimal places (e.g. 0.5, 0.05, 1.25).</param>
    /// <param name="sensitivity">Δ: the most one person can change the count (1 for a head count), in [1, <see cref="MaxSensitivity"/>].</param>
    /// <exception cref="ArgumentOutOfRangeException">ε not positive, above the maximum or finer than 1e−9; Δ outside its range.</exception>
    public GeometricMechanism(decimal epsilon, int sensitivity = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epsilon, MaxEpsilon);
        ArgumentOutOfRangeException.ThrowIfLessThan(sensitivity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sensitivity, MaxSensitivity);
        var (p, q) = ToFraction(epsilon);
        if (q == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε may have at most 9 decimal places.");
        }

        Epsilon = epsilon;
        Sensitivity = sensitivity;

        // α = exp(−s/t) with s/t = ε/Δ = p/(q·Δ).
        numerator = p;
        denominator = q * (ulong)sensitivity;
    }

    /// <summary>ε, the privacy loss of one release.</summary>
    public decimal Epsilon { get; }

    /// <summary>Δ, the sensitivity the noise is scaled to.</summary>
    public int Sensitivity { get; }

    /// <summary>α = exp(−ε/Δ), the ratio of the probabilities of noise z + 1 and z for z ≥ 0 (double precision; for reporting and tests).</summary>
    public double Alpha => Math.Exp(-(double)Epsilon / Sensitivity);

    /// <summary>Exact probability of noise <paramref name="z"/>: (1 − α)/(1 + α) · α^|z| (double precision).</summary>
    /// <param name="z">Any integer.</param>
    /// <returns>P(Z = z), in (0, 1) (may underflow to 0 for huge |z|).</returns>
    public double Probability(long z)
    {
        var alpha = Alpha;
        return (1 - alpha) / (1 + alpha) * Math.Pow(alpha, Math.Abs((double)z));
    }

    /// <summary>Draws one noise value Z (unclamped), exactly distributed as in the class summary.</summary>
    /// <param name="random">Uniform 64-bit words (a CSPRNG in production).</param>
    /// <returns>The noise.</returns>
    public long SampleNoise(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var s = numerator;
        var t = denominator;
        while (true)
        {
            var u = Uniform(random, t);
            if (!BernoulliExp(random, u, t))
            {
                continue;
            }

            ulong v = 0;
            while (BernoulliExp(random, 1, 1))
            {
                v++;
            }

            var x = (UInt128)u + ((UInt128)t * v);
            var y = (long)(ulong)(x / s);
            var negative = (random.NextUInt64() & 1) == 1;
            if (negative && y == 0)
            {
                continue;
            }

            return negative ? -y : y;
        }
    }

    /// <summary>
    /// Releases a count: <c>count + Z</c>, then clamped to [0, <paramref name="knownTotal"/>] (or [0, int.MaxValue] when no
    /// total is known). Each call spends ε of the budget; the caller must charge its <see cref="PrivacyBudget"/>.
    /// </summary>
    /// <param name="count">The true count, ≥ 0.</param>
    /// <param name="random">Uniform 64-bit words.</param>
    /// <param name="knownTotal">A public upper bound (e.g. the number invited), ≥ <paramref name="count"/>; null when none.</param>
    /// <returns>The noisy, clamped count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative count, or a total below the count.</exception>
    public int Release(int count, IRandomSource random, int? knownTotal = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (knownTotal is { } total)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(total, count, nameof(knownTotal));
        }

        var noisy = count + Math.Clamp(SampleNoise(random), -(long)int.MaxValue, int.MaxValue);
        return (int)Math.Clamp(noisy, 0, knownTotal ?? int.MaxValue);
    }

    /// <summary>A uniform integer in [0, bound) by rejection (no modulo bias).</summary>
    internal static ulong Uniform(IRandomSource random, ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var threshold = unchecked(0UL - bound) % bound;
        while (true)
        {
            var w = random.NextUInt64();
            if (w >= threshold)
            {
                return w % bound;
            }
        }
    }

    /// <summary>Bernoulli(num/den) for 0 ≤ num ≤ den.</summary>
    internal static bool Bernoulli(IRandomSource random, ulong num, ulong den) => Uniform(random, den) < num;

    /// <summary>Bernoulli(exp(−n/d)) exactly (Canonne–Kamath–Steinke Algorithm 1), for n ≥ 0, d ≥ 1.</summary>
    internal static bool BernoulliExp(IRandomSource random, ulong n, ulong d)
    {
        while (n > d)
        {
            if (!BernoulliExp(random, 1, 1))
            {
                return false;
            }

            n -= d;
        }

        // γ = n/d ∈ [0, 1]: the number of successes K in Bernoulli(γ/1), Bernoulli(γ/2), … before the first failure
        // is odd with probability exp(−γ).
        ulong k = 1;
        while (Bernoulli(random, n, d * k))
        {
            k++;
        }

        return k % 2 == 1;
    }

    /// <summary>ε as p/q in lowest terms, or q = 0 when ε has more than 9 decimal places.</summary>
    private static (ulong P, ulong Q) ToFraction(decimal value)
    {
        var q = 1UL;
        var p = value;
        while (p != decimal.Truncate(p))
        {
            if (q == MaxDenominator)
            {
                return (0, 0);
            }

            q *= 10;
            p *= 10;
        }

        var pInt = (ulong)p;
        var g = Gcd(pInt, q);
        return (pInt / g, q / g);
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
