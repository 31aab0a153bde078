using System.Numerics;

namespace Belonging.Core.Privacy;

/// <summary>An exact fraction, so the attacker's linear programmes have no rounding error to hide behind.</summary>
internal readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger numerator;
    private readonly BigInteger denominator;

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    public static Rational One => new(BigInteger.One, BigInteger.One);

    public BigInteger Numerator => numerator;

    // default(Rational) has a zero denominator; treat it as 0/1 so arrays need no initialisation pass.
    public BigInteger Denominator => denominator.IsZero ? BigInteger.One : denominator;

    public int Sign => numerator.Sign;

    public bool IsZero => numerator.IsZero;

    public bool IsInteger => Denominator.IsOne;

    public static Rational FromInteger(long value) => new(value, BigInteger.One);

    public static Rational operator +(Rational a, Rational b) =>
        a.IsZero ? b : b.IsZero ? a : new(a.numerator * b.Denominator + b.numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + (-b);

    public static Rational operator -(Rational a) => new(-a.numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) =>
        a.IsZero || b.IsZero ? Zero : new(a.numerator * b.numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        b.IsZero ? throw new DivideByZeroException() : new(a.numerator * b.Denominator, a.Denominator * b.numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>Largest integer ≤ this value.</summary>
    public BigInteger Floor() => BigInteger.Divide(numerator - (numerator.Sign < 0 ? Denominator - 1 : 0), Denominator);

    /// <summary>Smallest integer ≥ this value.</summary>
    public BigInteger Ceiling() => -(-this).Floor();

    public int CompareTo(Rational other) => (numerator * other.Denominator).CompareTo(other.numerator * Denominator);

    public bool Equals(Rational other) => numerator == other.numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(numerator, Denominator);

    public override string ToString() =>
        IsInteger
            ? numerator.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{numerator}/{Denominator}");
}
