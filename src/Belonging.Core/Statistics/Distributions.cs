namespace Belonging.Core.Statistics;

/// <summary>
/// Probability distributions the statistics need (normal, Student t), implemented from published algorithms with
/// double precision. Reproduces R's <c>pnorm</c>/<c>qnorm</c>/<c>pt</c>/<c>qt</c> to about 1e-12 relative error in the
/// ranges used here (checked in the tests against values printed by R).
/// </summary>
public static partial class Distributions
{
    /// <summary>Standard normal cumulative distribution Φ(x) (R <c>pnorm(x)</c>), via the complementary error function.</summary>
    /// <param name="x">Any real; ±∞ give 0 and 1; NaN gives NaN.</param>
    /// <returns>P(Z ≤ x).</returns>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2.0));

    /// <summary>Standard normal quantile Φ⁻¹(p) (R <c>qnorm(p)</c>), Wichura's AS 241 (PPND16, about 1e-16 relative accuracy).</summary>
    /// <param name="p">Probability in [0, 1]; 0 and 1 give ∓∞.</param>
    /// <returns>The quantile.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or NaN.</exception>
    public static double NormalQuantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability is between 0 and 1.");
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        var q = p - 0.5;
        double r, val;
        if (Math.Abs(q) <= 0.425)
        {
            r = 0.180625 - (q * q);
            return q * Horner(r, [2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457, 13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608])
                / Horner(r, [5226.495278852545925, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867, 5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1.0]);
        }

        r = q < 0 ? p : 1 - p;
        r = Math.Sqrt(-Math.Log(r));
        if (r <= 5)
        {
            r -= 1.6;
            val = Horner(r, [7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734])
                / Horner(r, [1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1.0]);
        }
        else
        {
            r -= 5;
            val = Horner(r, [2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772])
                / Horner(r, [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1.0]);
        }

        return q < 0 ? -val : val;
    }

    private static double Horner(double x, ReadOnlySpan<double> highToLow)
    {
        var acc = 0.0;
        foreach (var c in highToLow)
        {
            acc = (acc * x) + c;
        }

        return acc;
    }

    /// <summary>Student t cumulative distribution (R <c>pt(t, df)</c>) through the regularised incomplete beta function.</summary>
    /// <param name="t">Statistic.</param>
    /// <param name="df">Degrees of freedom, &gt; 0 (need not be an integer: Welch's df is not).</param>
    /// <returns>P(T ≤ t).</returns>
    public static double StudentTCdf(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 1 : 0;
        }

        var x = df / (df + (t * t));
        var tail = 0.5 * RegularizedIncompleteBeta(df / 2, 0.5, x);
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>Two-sided p-value of a t statistic: 2·P(T ≥ |t|), computed without cancellation for large |t|.</summary>
    /// <param name="t">Statistic.</param>
    /// <param name="df">Degrees of freedom, &gt; 0.</param>
    /// <returns>The p-value in [0, 1]; NaN for NaN t.</returns>
    public static double StudentTTwoSidedP(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        return double.IsInfinity(t) ? 0 : RegularizedIncompleteBeta(df / 2, 0.5, df / (df + (t * t)));
    }

    /// <summary>Two-sided p-value of a standard normal statistic: 2·P(Z ≥ |z|).</summary>
    /// <param name="z">Statistic.</param>
    /// <returns>The p-value.</returns>
    public static double NormalTwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    /// <summary>Student t quantile (R <c>qt(p, df)</c>), by Newton steps on <see cref="StudentTCdf"/> from a normal start, safeguarded by bisection.</summary>
    /// <param name="p">Probability in (0, 1).</param>
    /// <param name="df">Degrees of freedom, &gt; 0.</param>
    /// <returns>The quantile, accurate to about 1e-12.</returns>
    public static double StudentTQuantile(double p, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (double.IsNaN(p) || p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
        }

        if (p == 0.5)
        {
            return 0;
        }

        // Bracket, then bisection refined by Newton (the density is known in closed form).
        double lo = -1, hi = 1;
        while (StudentTCdf(lo, df) > p)
        {
            lo *= 2;
        }

        while (StudentTCdf(hi, df) < p)
        {
            hi *= 2;
        }

        var x = Math.Clamp(NormalQuantile(p), lo, hi);
        var logNorm = LogGamma((df + 1) / 2) - LogGamma(df / 2) - (0.5 * Math.Log(df * Math.PI));
        for (var i = 0; i < 200; i++)
        {
            var f = StudentTCdf(x, df) - p;
            if (f > 0)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }

            var density = Math.Exp(logNorm - ((df + 1) / 2 * Math.Log(1 + (x * x / df))));
            var next = x - (f / density);
            if (next <= lo || next >= hi || double.IsNaN(next))
            {
                next = (lo + hi) / 2;
            }

            if (Math.Abs(next - x) <= 1e-14 * Math.Max(1, Math.Abs(x)))
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, n = 9; relative error below 1e-14).</summary>
    /// <param name="x">Positive argument.</param>
    /// <returns>ln Γ(x).</returns>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>Regularised incomplete beta I_x(a, b) (R <c>pbeta(x, a, b)</c>) by Lentz's continued fraction (Numerical Recipes §6.4).</summary>
    /// <param name="a">Shape, &gt; 0.</param>
    /// <param name="b">Shape, &gt; 0.</param>
    /// <param name="x">In [0, 1].</param>
    /// <returns>I_x(a, b).</returns>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (double.IsNaN(x) || x < 0 || x > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "x is between 0 and 1.");
        }

        if (x == 0 || x == 1)
        {
            return x;
        }

        var lnFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(lnFront) * BetaContinuedFraction(a, b, x) / a
            : 1 - (Math.Exp(lnFront) * BetaContinuedFraction(b, a, 1 - x) / b);
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        d = Math.Abs(d) < tiny ? tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 10_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < 1e-16)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>Complementary error function erfc(x), W. J. Cody's rational approximations (relative error about 1e-16).</summary>
    /// <param name="x">Any real.</param>
    /// <returns>erfc(x) in [0, 2].</returns>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        // erfc via the normal upper tail computed with Cody's algorithm for pnorm (as in R's pnorm_both).
        var z = x * Math.Sqrt(2.0);
        return 2 * UpperNormalTail(z);
    }

    // Q(z) = P(Z > z), Cody (1969) as used by R's pnorm.
    private static double UpperNormalTail(double z)
    {
        ReadOnlySpan<double> a = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
        ReadOnlySpan<double> b = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
        ReadOnlySpan<double> c = [0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8];
        ReadOnlySpan<double> d = [22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727];
        ReadOnlySpan<double> p = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
        ReadOnlySpan<double> q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
        const double sqrt32 = 5.656854249492380195206754896838;
        const double oneOverSqrt2Pi = 0.398942280401432677939946059934;

        var y = Math.Abs(z);
        double upper, lower;
        if (y <= 0.67448975)
        {
            double xnum = 0, xden = 0;
            if (y > 1.1102230246251565e-16)
            {
                var xsq = z * z;
                xnum = a[4] * xsq;
                xden = xsq;
                for (var i = 0; i < 3; i++)
                {
                    xnum = (xnum + a[i]) * xsq;
                    xden = (xden + b[i]) * xsq;
                }

                var temp = z * (xnum + a[3]) / (xden + b[3]);
                return 0.5 - temp;
            }

            return 0.5;
        }
        else if (y <= sqrt32)
        {
            var xnum = c[8] * y;
            var xden = y;
            for (var i = 0; i < 7; i++)
            {
                xnum = (xnum + c[i]) * y;
                xden = (xden + d[i]) * y;
            }

            var temp = (xnum + c[7]) / (xden + d[7]);
            var xsq = Math.Truncate(y * 16) / 16;
            var del = (y - xsq) * (y + xsq);
            upper = Math.Exp(-xsq * xsq * 0.5) * Math.Exp(-del * 0.5) * temp;
            lower = 1 - upper;
        }
        else
        {
            var xsq = 1.0 / (z * z);
            var xnum = p[5] * xsq;
            var xden = xsq;
            for (var i = 0; i < 4; i++)
            {
                xnum = (xnum + p[i]) * xsq;
                xden = (xden + q[i]) * xsq;
            }

            var temp = xsq * (xnum + p[4]) / (xden + q[4]);
            temp = (oneOverSqrt2Pi - temp) / y;
            xsq = Math.Truncate(z * 16) / 16;
            var del = (z - xsq) * (z + xsq);
            upper = Math.Exp(-xsq * xsq * 0.5) * Math.Exp(-del * 0.5) * temp;
            lower = 1 - upper;
        }

        return z > 0 ? upper : lower;
    }
}
