namespace Belonging.Core.Statistics.Cube;

/// <summary>
/// The answers of one campaign in columnar form, validated once so that <see cref="ResultsCube.Compute"/> can run
/// without checks in its inner loops.
/// </summary>
/// <remarks>
/// <para>Units form a forest given by a parent array (<c>-1</c> marks a root); a respondent is attached to one unit,
/// normally a leaf. A unit's rollup is everyone attached to it or to any unit below it.</para>
/// <para>Likert items are byte columns: <see cref="NoAnswer"/> (0) means skipped or "don't know" and is excluded
/// from every statistic; 1..5 is strongly disagree .. strongly agree; <see cref="FavourableFrom"/> (4) and above
/// count as favourable.</para>
/// <para>The arrays are not copied: the caller must not change them afterwards. If it does, a computation may give
/// wrong counts or throw <see cref="IndexOutOfRangeException"/>, but it never reads or writes outside its arrays.</para>
/// </remarks>
public sealed class CampaignColumns
{
    /// <summary>The answer code for "skipped" or "don't know".</summary>
    public const byte NoAnswer = 0;

    /// <summary>The highest answer code (strongly agree).</summary>
    public const byte MaxAnswer = 5;

    /// <summary>The lowest answer code that counts as favourable (agree).</summary>
    public const byte FavourableFrom = 4;

    /// <summary>Creates and validates the columns.</summary>
    /// <param name="unitParents">Parent index of each unit, or -1 for a root. Must be acyclic.</param>
    /// <param name="respondentUnits">Unit index of each respondent (0..unitParents.Length-1).</param>
    /// <param name="attributes">Attribute columns, each with one code per respondent.</param>
    /// <param name="items">Likert item columns, each with one answer code 0..5 per respondent.</param>
    /// <exception cref="ArgumentException">A column has the wrong length, a unit index or answer code is out of range,
    /// or the parent array has a cycle or an out-of-range parent.</exception>
    public CampaignColumns(
        ReadOnlyMemory<int> unitParents,
        ReadOnlyMemory<int> respondentUnits,
        IReadOnlyList<AttributeColumn> attributes,
        IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(items);
        var unitCount = unitParents.Length;
        var n = respondentUnits.Length;

        RollupOrder = ChildrenBeforeParents(unitParents.Span);

        if (n > 0 && respondentUnits.Span.IndexOfAnyExceptInRange(0, unitCount - 1) >= 0)
        {
            throw new ArgumentException("A respondent's unit index is outside the unit array.", nameof(respondentUnits));
        }

        for (var a = 0; a < attributes.Count; a++)
        {
            ArgumentNullException.ThrowIfNull(attributes[a], nameof(attributes));
            if (attributes[a].Codes.Length != n)
            {
                throw new ArgumentException($"Attribute {a} has {attributes[a].Codes.Length} codes for {n} respondents.", nameof(attributes));
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Length != n)
            {
                throw new ArgumentException($"Item {i} has {items[i].Length} answers for {n} respondents.", nameof(items));
            }

            if (items[i].Span.IndexOfAnyInRange((byte)(MaxAnswer + 1), byte.MaxValue) >= 0)
            {
                throw new ArgumentException($"Item {i} has an answer code above {MaxAnswer}.", nameof(items));
            }
        }

        UnitParents = unitParents;
        RespondentUnits = respondentUnits;
        Attributes = [.. attributes];
        Items = [.. items];
    }

    /// <summary>Parent index of each unit (-1 for a root).</summary>
    public ReadOnlyMemory<int> UnitParents { get; }

    /// <summary>Unit index of each respondent.</summary>
    public ReadOnlyMemory<int> RespondentUnits { get; }

    /// <summary>Attribute columns.</summary>
    public IReadOnlyList<AttributeColumn> Attributes { get; }

    /// <summary>Likert item columns (answer codes 0..5).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Items { get; }

    /// <summary>Number of respondents (rows).</summary>
    public int RespondentCount => RespondentUnits.Length;

    /// <summary>Number of units.</summary>
    public int UnitCount => UnitParents.Length;

    /// <summary>Every unit exactly once, each after all of its descendants (so adding a unit into its parent in this
    /// order rolls leaves up to the roots in one sweep).</summary>
    internal int[] RollupOrder { get; }

    private static int[] ChildrenBeforeParents(ReadOnlySpan<int> parents)
    {
        var count = parents.Length;
        var depth = new int[count];
        Array.Fill(depth, -1);
        var path = new List<int>();
        var maxDepth = 0;
        for (var u = 0; u < count; u++)
        {
            path.Clear();
            var v = u;
            while (v >= 0 && depth[v] < 0)
            {
                if (path.Count > count)
                {
                    throw new ArgumentException("The unit parent array has a cycle.", nameof(parents));
                }

                path.Add(v);
                var p = parents[v];
                if (p < -1 || p >= count)
                {
                    throw new ArgumentException($"Unit {v} has parent {p}, outside the unit array.", nameof(parents));
                }

                v = p;
            }

            var d = v < 0 ? -1 : depth[v];
            for (var i = path.Count - 1; i >= 0; i--)
            {
                depth[path[i]] = ++d;
            }

            maxDepth = Math.Max(maxDepth, d);
        }

        // Counting sort by depth, deepest first.
        var start = new int[maxDepth + 2];
        foreach (var d in depth)
        {
            start[maxDepth - d + 1]++;
        }

        for (var i = 1; i < start.Length; i++)
        {
            start[i] += start[i - 1];
        }

        var order = new int[count];
        for (var u = 0; u < count; u++)
        {
            order[start[maxDepth - depth[u]]++] = u;
        }

        return order;
    }
}
