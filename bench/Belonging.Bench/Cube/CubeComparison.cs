using Belonging.Core.Statistics.Cube;

namespace Belonging.Bench.Cube;

/// <summary>Cell-by-cell comparison of our cube with DuckDB's rows.</summary>
/// <param name="Cells">Cells in our cube.</param>
/// <param name="NonEmptyCells">Cells with at least one respondent (DuckDB returns only these).</param>
/// <param name="Mismatches">Cells whose respondents, n, sum or favourable differ, are missing on one side, or appear twice.</param>
/// <param name="FirstMismatch">A description of the first difference, or null.</param>
internal sealed record CubeComparison(int Cells, int NonEmptyCells, int Mismatches, string? FirstMismatch)
{
    public bool Agree => Mismatches == 0;

    public static CubeComparison Compare(ResultsCube ours, List<long[]> duckRows, int levels)
    {
        var items = ours.ItemCount;
        var attributes = ours.AttributeCount;
        var seen = new bool[ours.CellCount];
        var mismatches = 0;
        string? first = null;

        void Fail(string what)
        {
            mismatches++;
            first ??= what;
        }

        foreach (var row in duckRows)
        {
            var cell = CellOf(ours, row, levels, attributes);
            if (cell == Skip)
            {
                continue;
            }

            if (cell < 0)
            {
                Fail($"DuckDB row with an unexpected grouping: [{string.Join(",", row.Take(levels + attributes))}]");
                continue;
            }

            if (seen[cell])
            {
                Fail($"cell {cell} returned twice by DuckDB");
                continue;
            }

            seen[cell] = true;
            var at = levels + attributes;
            if (row[at] != ours.Respondents(cell))
            {
                Fail($"cell {cell} ({ours.Describe(cell)}): respondents {ours.Respondents(cell)} vs {row[at]}");
                continue;
            }

            for (var i = 0; i < items; i++)
            {
                var n = row[at + 1 + (3 * i)];
                var sum = row[at + 2 + (3 * i)];
                var fav = row[at + 3 + (3 * i)];
                if (n != ours.N(cell, i) || sum != ours.Sum(cell, i) || fav != ours.Favourable(cell, i))
                {
                    Fail($"cell {cell} ({ours.Describe(cell)}) item {i}: ours n={ours.N(cell, i)} sum={ours.Sum(cell, i)} fav={ours.Favourable(cell, i)}, DuckDB n={n} sum={sum} fav={fav}");
                    break;
                }
            }
        }

        var nonEmpty = 0;
        for (var cell = 0; cell < ours.CellCount; cell++)
        {
            if (ours.Respondents(cell) > 0)
            {
                nonEmpty++;
            }

            if (!seen[cell] && ours.Respondents(cell) != 0)
            {
                Fail($"cell {cell} ({ours.Describe(cell)}) has {ours.Respondents(cell)} respondents but no DuckDB row");
            }
        }

        return new CubeComparison(ours.CellCount, nonEmpty, mismatches, first);
    }

    private const int Skip = int.MinValue;

    /// <summary>Our cell for a DuckDB row; <see cref="Skip"/> for groups of a "not stated" code (not cells); −1 if unrecognised.</summary>
    /// <summary>True when <paramref name="row"/> is a DuckDB row the comparison checks (not a grouping the cube leaves out).</summary>
    internal static bool IsCompared(ResultsCube ours, long[] row, int levels) => CellOf(ours, row, levels, ours.AttributeCount) >= 0;

    private static int CellOf(ResultsCube ours, long[] row, int levels, int attributes)
    {
        var level = -1;
        for (var l = 0; l < levels; l++)
        {
            if (row[l] >= 0)
            {
                if (level >= 0)
                {
                    return -1;
                }

                level = l;
            }
        }

        var grouped = new List<int>(2);
        for (var a = 0; a < attributes; a++)
        {
            if (row[levels + a] >= 0)
            {
                grouped.Add(a);
            }
        }

        if (level >= 0)
        {
            return grouped.Count == 0 ? ours.UnitCell((int)row[level]) : -1;
        }

        if (grouped.Any(a => row[levels + a] == AttributeColumn.Missing))
        {
            return Skip;
        }

        return grouped.Count switch
        {
            1 => ours.AttributeCell(grouped[0], (int)row[levels + grouped[0]]),
            2 => ours.PairCell(grouped[0], (int)row[levels + grouped[0]], grouped[1], (int)row[levels + grouped[1]]),
            _ => -1,
        };
    }
}
