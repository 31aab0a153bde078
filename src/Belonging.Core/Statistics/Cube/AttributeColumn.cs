namespace Belonging.Core.Statistics.Cube;

/// <summary>
/// One demographic attribute of a campaign, stored column-wise: one code per respondent.
/// </summary>
/// <remarks>
/// Codes are <c>1..<see cref="ValueCount"/></c> for the attribute's values and <see cref="Missing"/> (0) when the
/// respondent did not state it. A respondent with a missing code belongs to no cell of this attribute (nor to any
/// pair cell involving it), but still counts in every unit cell and in the cells of the other attributes.
/// </remarks>
public sealed class AttributeColumn
{
    /// <summary>The code for "not stated".</summary>
    public const byte Missing = 0;

    /// <summary>The largest number of values an attribute may have (codes must fit in a byte next to <see cref="Missing"/>).</summary>
    public const int MaxValueCount = byte.MaxValue;

    /// <summary>Creates the column.</summary>
    /// <param name="name">Display name (not used by the computation).</param>
    /// <param name="valueCount">Number of values, 1..<see cref="MaxValueCount"/>.</param>
    /// <param name="codes">One code per respondent: 0 = missing, 1..<paramref name="valueCount"/> = value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="valueCount"/> is outside 1..255.</exception>
    /// <exception cref="ArgumentException">A code exceeds <paramref name="valueCount"/>.</exception>
    public AttributeColumn(string name, int valueCount, ReadOnlyMemory<byte> codes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(valueCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(valueCount, MaxValueCount);
        if (valueCount < MaxValueCount && codes.Span.IndexOfAnyInRange((byte)(valueCount + 1), byte.MaxValue) >= 0)
        {
            throw new ArgumentException($"Attribute '{name}' has a code above its value count {valueCount}.", nameof(codes));
        }

        Name = name;
        ValueCount = valueCount;
        Codes = codes;
    }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Number of values (codes 1..ValueCount).</summary>
    public int ValueCount { get; }

    /// <summary>One code per respondent.</summary>
    public ReadOnlyMemory<byte> Codes { get; }
}
