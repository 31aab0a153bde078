using System.Text.Json.Serialization;

namespace Belonging.Core.Privacy;

/// <summary>One condition of a breakdown: respondents whose <see cref="Attribute"/> equals <see cref="Value"/>.</summary>
/// <param name="Attribute">Attribute name as designated in the <see cref="ReleasePolicy"/> (compared ordinally).</param>
/// <param name="Value">One of the attribute's declared values, or <see cref="AttributeDesignation.NotDisclosed"/>.</param>
public readonly record struct AttributeCondition(string Attribute, string Value);

/// <summary>
/// Names one cell of a release: an org unit's whole subtree (rollup), optionally narrowed by one attribute value
/// (a single-attribute breakdown) or by two values of different attributes (a two-attribute intersection).
/// </summary>
/// <remarks>
/// Value type with structural equality. The two conditions are stored in ordinal order of attribute name, so
/// <c>new CellKey(u, gender, age)</c> equals <c>new CellKey(u, age, gender)</c>. A second condition without a first
/// is moved to first.
/// </remarks>
public readonly record struct CellKey
{
    /// <summary>Creates a key; conditions are normalised to ordinal attribute order.</summary>
    /// <param name="unit">Org unit id (the cell covers the unit and all its descendants).</param>
    /// <param name="first">Optional first condition.</param>
    /// <param name="second">Optional second condition; must name a different attribute than <paramref name="first"/>.</param>
    /// <exception cref="ArgumentException">Both conditions name the same attribute.</exception>
    [JsonConstructor]
    public CellKey(string unit, AttributeCondition? first = null, AttributeCondition? second = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (first is null && second is not null)
        {
            (first, second) = (second, null);
        }

        if (first is { } f && second is { } s)
        {
            var order = string.CompareOrdinal(f.Attribute, s.Attribute);
            if (order == 0)
            {
                throw new ArgumentException("A cell intersects two different attributes.", nameof(second));
            }

            if (order > 0)
            {
                (first, second) = (second, first);
            }
        }

        Unit = unit;
        First = first;
        Second = second;
    }

    /// <summary>The org unit (rollup over its subtree).</summary>
    public string Unit { get; }

    /// <summary>The first condition (ordinally smaller attribute name), or null for the unit total.</summary>
    public AttributeCondition? First { get; }

    /// <summary>The second condition, or null unless this is a two-attribute intersection.</summary>
    public AttributeCondition? Second { get; }

    /// <summary>Number of conditions: 0 (unit total), 1 (breakdown) or 2 (intersection).</summary>
    [JsonIgnore]
    public int Depth => First is null ? 0 : Second is null ? 1 : 2;

    /// <summary>The unit total (everyone in the unit's subtree).</summary>
    /// <param name="unit">Unit id.</param>
    /// <returns>The key.</returns>
    public static CellKey Total(string unit) => new(unit);

    /// <summary>A single-attribute breakdown cell.</summary>
    /// <param name="unit">Unit id.</param>
    /// <param name="attribute">Attribute name.</param>
    /// <param name="value">Attribute value.</param>
    /// <returns>The key.</returns>
    public static CellKey Breakdown(string unit, string attribute, string value) => new(unit, new AttributeCondition(attribute, value));

    /// <summary>A two-attribute intersection cell.</summary>
    /// <param name="unit">Unit id.</param>
    /// <param name="first">One condition.</param>
    /// <param name="second">The other condition (different attribute).</param>
    /// <returns>The key.</returns>
    public static CellKey Intersection(string unit, AttributeCondition first, AttributeCondition second) => new(unit, first, second);

    /// <summary>Canonical text: <c>unit</c>, <c>unit|a=v</c> or <c>unit|a=v|b=w</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Depth switch
        {
            0 => Unit,
            1 => $"{Unit}|{First!.Value.Attribute}={First.Value.Value}",
            _ => $"{Unit}|{First!.Value.Attribute}={First.Value.Value}|{Second!.Value.Attribute}={Second.Value.Value}",
        };

    /// <summary>Total order used for every canonical listing: unit, then depth, then attributes and values, all ordinal.</summary>
    internal static int CompareCanonical(CellKey x, CellKey y)
    {
        var c = string.CompareOrdinal(x.Unit, y.Unit);
        if (c != 0)
        {
            return c;
        }

        c = x.Depth.CompareTo(y.Depth);
        return c != 0 ? c : string.CompareOrdinal(x.ToString(), y.ToString());
    }
}
