namespace Belonging.Core.Statistics.Cube;

/// <summary>
/// Exact item statistics of one campaign for every unit rollup, every attribute value and every pair of attribute
/// values: per cell the number of respondents and, per item, the number of answers n, their integer sum and the
/// number of favourable answers.
/// </summary>
/// <remarks>
/// <para>Cells are numbered in a fixed order: units 0..U-1 first (cell = unit index), then for each attribute a in
/// order its values 1..V_a, then for each attribute pair a &lt; b (lexicographic) the values va = 1..V_a (outer) ×
/// vb = 1..V_b (inner). Every combination is present, including empty ones (all counts 0).</para>
/// <para>These are raw counts. Nothing here has passed the release rules; a figure reaches a person only through
/// <see cref="Privacy.MinimumGroupRule"/> and the campaign release.</para>
/// </remarks>
public sealed class ResultsCube
{
    private readonly int[] valueCounts;
    private readonly int[] attributeBase;
    private readonly int[] pairBase;
    private readonly int[] respondents;
    private readonly int[] answered;
    private readonly long[] sums;
    private readonly int[] favourable;

    internal ResultsCube(int unitCount, int[] valueCounts, int itemCount)
    {
        UnitCount = unitCount;
        this.valueCounts = valueCounts;
        ItemCount = itemCount;
        var a = valueCounts.Length;
        attributeBase = new int[a];
        pairBase = new int[a * a];
        var next = unitCount;
        for (var i = 0; i < a; i++)
        {
            attributeBase[i] = next;
            next = checked(next + valueCounts[i]);
        }

        for (var i = 0; i < a; i++)
        {
            for (var j = i + 1; j < a; j++)
            {
                pairBase[(i * a) + j] = next;
                next = checked(next + (valueCounts[i] * valueCounts[j]));
            }
        }

        CellCount = next;
        var size = checked(next * itemCount);
        respondents = new int[next];
        answered = new int[size];
        sums = new long[size];
        favourable = new int[size];
    }

    /// <summary>Number of units (unit cells are 0..UnitCount-1).</summary>
    public int UnitCount { get; }

    /// <summary>Number of attributes.</summary>
    public int AttributeCount => valueCounts.Length;

    /// <summary>Number of items.</summary>
    public int ItemCount { get; }

    /// <summary>Total number of cells (units + attribute values + attribute value pairs).</summary>
    public int CellCount { get; }

    internal Span<int> RespondentsSpan => respondents;

    internal Span<int> AnsweredSpan => answered;

    internal Span<long> SumsSpan => sums;

    internal Span<int> FavourableSpan => favourable;

    /// <summary>Computes the cube. The result does not depend on the order of respondents nor on the parallelism.</summary>
    /// <param name="campaign">The validated columns.</param>
    /// <param name="maxDegreeOfParallelism">Most worker threads to use; 0 or less lets the thread pool decide (about one per
    /// core).</param>
    /// <returns>The cube with every cell filled.</returns>
    public static ResultsCube Compute(CampaignColumns campaign, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return CubeEngine.Compute(campaign, maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism);
    }

    /// <summary>Number of values of an attribute.</summary>
    /// <param name="attribute">Attribute index.</param>
    /// <returns>V_a.</returns>
    public int ValueCount(int attribute) => valueCounts[attribute];

    /// <summary>The cell of a unit's rollup.</summary>
    /// <param name="unit">Unit index 0..UnitCount-1.</param>
    /// <returns>The cell index (equal to <paramref name="unit"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such unit.</exception>
    public int UnitCell(int unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, UnitCount);
        return unit;
    }

    /// <summary>The cell of one attribute value over the whole organisation.</summary>
    /// <param name="attribute">Attribute index.</param>
    /// <param name="value">Value code 1..V_a.</param>
    /// <returns>The cell index.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such attribute or value.</exception>
    public int AttributeCell(int attribute, int value)
    {
        CheckValue(attribute, value);
        return attributeBase[attribute] + value - 1;
    }

    /// <summary>The cell of a pair of attribute values over the whole organisation. The attributes may be given in
    /// either order.</summary>
    /// <param name="attribute">One attribute index.</param>
    /// <param name="value">Its value code.</param>
    /// <param name="otherAttribute">A different attribute index.</param>
    /// <param name="otherValue">Its value code.</param>
    /// <returns>The cell index.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such attribute or value, or the two attributes are the same.</exception>
    public int PairCell(int attribute, int value, int otherAttribute, int otherValue)
    {
        CheckValue(attribute, value);
        CheckValue(otherAttribute, otherValue);
        if (attribute == otherAttribute)
        {
            throw new ArgumentOutOfRangeException(nameof(otherAttribute), "A pair needs two different attributes.");
        }

        if (attribute > otherAttribute)
        {
            (attribute, value, otherAttribute, otherValue) = (otherAttribute, otherValue, attribute, value);
        }

        return pairBase[(attribute * AttributeCount) + otherAttribute] + ((value - 1) * valueCounts[otherAttribute]) + otherValue - 1;
    }

    /// <summary>The coordinates of a cell (inverse of <see cref="UnitCell"/>, <see cref="AttributeCell"/> and
    /// <see cref="PairCell"/>).</summary>
    /// <param name="cell">Cell index 0..CellCount-1.</param>
    /// <returns>Kind and coordinates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such cell.</exception>
    public CubeCell Describe(int cell)
    {
        CheckCell(cell);
        if (cell < UnitCount)
        {
            return new CubeCell(CubeCellKind.Unit, cell, -1, -1, -1, -1);
        }

        var a = AttributeCount;
        for (var i = 0; i < a; i++)
        {
            if (cell < attributeBase[i] + valueCounts[i])
            {
                return new CubeCell(CubeCellKind.Attribute, -1, i, cell - attributeBase[i] + 1, -1, -1);
            }
        }

        for (var i = 0; i < a; i++)
        {
            for (var j = i + 1; j < a; j++)
            {
                var offset = cell - pairBase[(i * a) + j];
                if (offset < valueCounts[i] * valueCounts[j])
                {
                    return new CubeCell(CubeCellKind.AttributePair, -1, i, (offset / valueCounts[j]) + 1, j, (offset % valueCounts[j]) + 1);
                }
            }
        }

        throw new InvalidOperationException("Cell layout is inconsistent.");
    }

    /// <summary>Number of respondents in a cell, whether or not they answered any item.</summary>
    /// <param name="cell">Cell index.</param>
    /// <returns>A count ≥ 0.</returns>
    public int Respondents(int cell)
    {
        CheckCell(cell);
        return respondents[cell];
    }

    /// <summary>Number of answers 1..5 to an item in a cell (skipped and "don't know" excluded).</summary>
    /// <param name="cell">Cell index.</param>
    /// <param name="item">Item index.</param>
    /// <returns>n ≥ 0.</returns>
    public int N(int cell, int item) => answered[Index(cell, item)];

    /// <summary>Sum of the answers 1..5 to an item in a cell (exact integer).</summary>
    /// <param name="cell">Cell index.</param>
    /// <param name="item">Item index.</param>
    /// <returns>Sum, between n and 5n.</returns>
    public long Sum(int cell, int item) => sums[Index(cell, item)];

    /// <summary>Number of favourable answers (4 or 5) to an item in a cell.</summary>
    /// <param name="cell">Cell index.</param>
    /// <param name="item">Item index.</param>
    /// <returns>Count between 0 and n.</returns>
    public int Favourable(int cell, int item) => favourable[Index(cell, item)];

    /// <summary>Mean answer on 1..5: <see cref="Sum"/> / <see cref="N"/>.</summary>
    /// <param name="cell">Cell index.</param>
    /// <param name="item">Item index.</param>
    /// <returns>The mean, or NaN when n = 0.</returns>
    public double Mean(int cell, int item)
    {
        var i = Index(cell, item);
        return answered[i] == 0 ? double.NaN : (double)sums[i] / answered[i];
    }

    /// <summary>Percentage favourable: 100 × <see cref="Favourable"/> / <see cref="N"/>.</summary>
    /// <param name="cell">Cell index.</param>
    /// <param name="item">Item index.</param>
    /// <returns>0..100, or NaN when n = 0.</returns>
    public double PercentFavourable(int cell, int item)
    {
        var i = Index(cell, item);
        return answered[i] == 0 ? double.NaN : 100.0 * favourable[i] / answered[i];
    }

    private int Index(int cell, int item)
    {
        CheckCell(cell);
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, ItemCount);
        return (cell * ItemCount) + item;
    }

    private void CheckCell(int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, CellCount);
    }

    private void CheckValue(int attribute, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attribute);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(attribute, AttributeCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, valueCounts[attribute]);
    }
}
