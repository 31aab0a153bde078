using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Belonging.Core.Statistics.Cube;

/// <summary>
/// The counting kernel behind <see cref="ResultsCube.Compute"/>.
/// </summary>
/// <remarks>
/// Items are taken <see cref="ItemsPerPass"/> at a time and their answers packed into one byte per respondent
/// (base-6 digits, so 6^3 = 216 codes). A task is one "dimension" (the unit column, or one attribute pair) × one such
/// pass: a single sequential sweep over the respondents increments one counter per respondent in a flat histogram
/// indexed by (dimension key, packed answers). The histogram is small enough to stay in the core's cache, and
/// n, sum and favourable counts for every item of the pass are read off it afterwards. Single-attribute cells are
/// margins of a pair histogram (summed over the partner attribute, its missing code included); unit cells get the
/// respondents attached directly and are then rolled up the tree. Tasks write disjoint parts of the result, so
/// workers need no locks.
/// </remarks>
internal static class CubeEngine
{
    /// <summary>Items packed into one pass (6^3 = 216 answer combinations, one byte).</summary>
    internal const int ItemsPerPass = 3;

    private const int Levels = CampaignColumns.MaxAnswer + 1;

    private enum DimensionKind
    {
        Units,
        Pair,
        Single,
    }

    public static ResultsCube Compute(CampaignColumns campaign, int workers)
    {
        var attributes = campaign.Attributes;
        var valueCounts = attributes.Select(a => a.ValueCount).ToArray();
        var itemCount = campaign.Items.Count;
        var cube = new ResultsCube(campaign.UnitCount, valueCounts, itemCount);

        var passes = BuildPasses(campaign, workers);

        var dimensions = new List<Dimension> { new(DimensionKind.Units, -1, -1, campaign.UnitCount) };
        for (var a = 0; a < attributes.Count; a++)
        {
            for (var b = a + 1; b < attributes.Count; b++)
            {
                dimensions.Add(new(DimensionKind.Pair, a, b, (valueCounts[a] + 1) * (valueCounts[b] + 1)));
            }
        }

        if (attributes.Count == 1)
        {
            dimensions.Add(new(DimensionKind.Single, 0, -1, valueCounts[0] + 1));
        }

        var tasks = new (Dimension Dimension, Pass Pass)[dimensions.Count * passes.Length];
        var t = 0;
        foreach (var d in dimensions)
        {
            foreach (var p in passes)
            {
                tasks[t++] = (d, p);
            }
        }

        var histogramSize = dimensions.Max(d => d.Keys) * passes.Max(p => p.Bins);
        var next = -1;
        Parallel.For(0, Math.Min(workers, tasks.Length), new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            var histogram = new int[histogramSize];
            int task;
            while ((task = Interlocked.Increment(ref next)) < tasks.Length)
            {
                Run(campaign, cube, tasks[task].Dimension, tasks[task].Pass, histogram);
            }
        });

        RollUp(cube, campaign.UnitParents.Span, campaign.RollupOrder);
        return cube;
    }

    private static Pass[] BuildPasses(CampaignColumns campaign, int workers)
    {
        var items = campaign.Items;
        var n = campaign.RespondentCount;
        if (items.Count == 0)
        {
            return [new Pass(0, 0, 0, 1, new byte[n], [])];
        }

        var passes = new Pass[(items.Count + ItemsPerPass - 1) / ItemsPerPass];
        Parallel.For(0, passes.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, p =>
        {
            var first = p * ItemsPerPass;
            var size = Math.Min(ItemsPerPass, items.Count - first);
            var bins = 1;
            for (var j = 0; j < size; j++)
            {
                bins *= Levels;
            }

            var codes = new byte[n];
            for (var j = 0; j < size; j++)
            {
                var answers = items[first + j].Span;
                unchecked
                {
                    for (var r = 0; r < codes.Length; r++)
                    {
                        codes[r] = (byte)((codes[r] * Levels) + answers[r]);
                    }
                }
            }

            // digits[c * size + j] = answer to item first + j in packed code c.
            var digits = new byte[bins * size];
            for (var c = 0; c < bins; c++)
            {
                var rest = c;
                for (var j = size - 1; j >= 0; j--)
                {
                    digits[(c * size) + j] = (byte)(rest % Levels);
                    rest /= Levels;
                }
            }

            passes[p] = new Pass(p, first, size, bins, codes, digits);
        });
        return passes;
    }

    private static void Run(CampaignColumns campaign, ResultsCube cube, Dimension dimension, Pass pass, int[] histogram)
    {
        var bins = pass.Bins;
        var counts = histogram.AsSpan(0, dimension.Keys * bins);
        counts.Clear();
        var codes = pass.Codes;
        switch (dimension.Kind)
        {
            case DimensionKind.Units:
                CountByUnit(campaign.RespondentUnits.Span, codes, bins, counts);
                break;
            case DimensionKind.Pair:
                CountByPair(
                    campaign.Attributes[dimension.A].Codes.Span,
                    campaign.Attributes[dimension.B].Codes.Span,
                    cube.ValueCount(dimension.B) + 1,
                    codes,
                    bins,
                    counts);
                break;
            default:
                CountByPair(campaign.Attributes[dimension.A].Codes.Span, codes, 1, codes, bins, counts, ignoreSecond: true);
                break;
        }

        Span<long> totals = stackalloc long[(3 * ItemsPerPass) + 1];
        var withRespondents = pass.Index == 0;
        for (var key = 0; key < dimension.Keys; key++)
        {
            var row = counts.Slice(key * bins, bins);
            if (!Tally(row, pass, totals))
            {
                continue;
            }

            switch (dimension.Kind)
            {
                case DimensionKind.Units:
                    Add(cube, key, pass, totals, withRespondents);
                    break;
                case DimensionKind.Single:
                    if (key > 0)
                    {
                        Add(cube, cube.AttributeCell(dimension.A, key), pass, totals, withRespondents);
                    }

                    break;
                default:
                    var width = cube.ValueCount(dimension.B) + 1;
                    var va = key / width;
                    var vb = key % width;
                    if (va > 0 && vb > 0)
                    {
                        Add(cube, cube.PairCell(dimension.A, va, dimension.B, vb), pass, totals, withRespondents);
                    }

                    // Each single-attribute cell is the margin of exactly one pair: (0, 1) gives attributes 0 and 1,
                    // (0, b) gives attribute b.
                    if (va > 0 && dimension.A == 0 && dimension.B == 1)
                    {
                        Add(cube, cube.AttributeCell(dimension.A, va), pass, totals, withRespondents);
                    }

                    if (vb > 0 && dimension.A == 0)
                    {
                        Add(cube, cube.AttributeCell(dimension.B, vb), pass, totals, withRespondents);
                    }

                    break;
            }
        }
    }

    /// <summary>Reads one key's histogram row into totals = [n_j, sum_j, fav_j for each item j of the pass, respondents].</summary>
    /// <returns>False when the row is empty.</returns>
    private static bool Tally(ReadOnlySpan<int> row, Pass pass, Span<long> totals)
    {
        totals.Clear();
        var size = pass.Size;
        var digits = pass.Digits;
        long respondents = 0;
        for (var c = 0; c < row.Length; c++)
        {
            long count = row[c];
            if (count == 0)
            {
                continue;
            }

            respondents += count;
            for (var j = 0; j < size; j++)
            {
                var v = digits[(c * size) + j];
                if (v != CampaignColumns.NoAnswer)
                {
                    totals[3 * j] += count;
                    totals[(3 * j) + 1] += v * count;
                    if (v >= CampaignColumns.FavourableFrom)
                    {
                        totals[(3 * j) + 2] += count;
                    }
                }
            }
        }

        totals[3 * ItemsPerPass] = respondents;
        return respondents > 0;
    }

    private static void Add(ResultsCube cube, int cell, Pass pass, ReadOnlySpan<long> totals, bool withRespondents)
    {
        if (withRespondents)
        {
            cube.RespondentsSpan[cell] += (int)totals[3 * ItemsPerPass];
        }

        var baseIndex = (cell * cube.ItemCount) + pass.FirstItem;
        var answered = cube.AnsweredSpan;
        var sums = cube.SumsSpan;
        var favourable = cube.FavourableSpan;
        for (var j = 0; j < pass.Size; j++)
        {
            answered[baseIndex + j] += (int)totals[3 * j];
            sums[baseIndex + j] += totals[(3 * j) + 1];
            favourable[baseIndex + j] += (int)totals[(3 * j) + 2];
        }
    }

    private static void RollUp(ResultsCube cube, ReadOnlySpan<int> parents, int[] order)
    {
        var items = cube.ItemCount;
        var respondents = cube.RespondentsSpan;
        var answered = cube.AnsweredSpan;
        var sums = cube.SumsSpan;
        var favourable = cube.FavourableSpan;
        foreach (var unit in order)
        {
            var parent = parents[unit];
            if (parent < 0)
            {
                continue;
            }

            respondents[parent] += respondents[unit];
            for (var i = 0; i < items; i++)
            {
                answered[(parent * items) + i] += answered[(unit * items) + i];
                sums[(parent * items) + i] += sums[(unit * items) + i];
                favourable[(parent * items) + i] += favourable[(unit * items) + i];
            }
        }
    }

    /// <summary>counts[unit × bins + code]++ for every respondent. Inputs were range-checked by <see cref="CampaignColumns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountByUnit(ReadOnlySpan<int> units, ReadOnlySpan<byte> codes, int bins, Span<int> counts)
    {
        codes = codes[..units.Length];
        ref var h = ref MemoryMarshal.GetReference(counts);
        unchecked
        {
            for (var r = 0; r < units.Length; r++)
            {
                Unsafe.Add(ref h, (units[r] * bins) + codes[r])++;
            }
        }
    }

    /// <summary>counts[(a × width + b) × bins + code]++ for every respondent (b taken as 0 when
    /// <paramref name="ignoreSecond"/>). Inputs were range-checked by <see cref="CampaignColumns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountByPair(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int width, ReadOnlySpan<byte> codes, int bins, Span<int> counts, bool ignoreSecond = false)
    {
        codes = codes[..a.Length];
        ref var h = ref MemoryMarshal.GetReference(counts);
        var strideA = width * bins;
        unchecked
        {
            if (ignoreSecond)
            {
                for (var r = 0; r < a.Length; r++)
                {
                    Unsafe.Add(ref h, (a[r] * strideA) + codes[r])++;
                }

                return;
            }

            b = b[..a.Length];
            for (var r = 0; r < a.Length; r++)
            {
                Unsafe.Add(ref h, (a[r] * strideA) + (b[r] * bins) + codes[r])++;
            }
        }
    }

    private readonly record struct Dimension(DimensionKind Kind, int A, int B, int Keys);

    private sealed record Pass(int Index, int FirstItem, int Size, int Bins, byte[] Codes, byte[] Digits);
}
