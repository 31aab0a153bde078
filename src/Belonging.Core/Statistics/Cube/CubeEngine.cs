using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Belonging.Core.Statistics.Cube;

/// <summary>
/// The counting kernel behind <see cref="ResultsCube.Compute"/>.
/// </summary>
/// <remarks>
/// <para>A "dimension" is the unit column or a set of two or three attributes; its key is the combination of the
/// respondent's codes (missing code included). Items are taken one to three at a time and their answers packed into
/// one byte per respondent (base-6 digits, 6^3 = 216 combinations). A task is one dimension × one such pass: a single
/// sequential sweep over the respondents increments one counter per respondent in a flat histogram indexed by
/// (key, packed answers), sized to stay in the core's cache. Afterwards n, sum and favourable counts for each item of
/// the pass are read off the histogram.</para>
/// <para>Attribute-pair cells are margins of a three-attribute histogram (summed over the third attribute, its
/// missing code included), so one sweep serves three pairs; triples are chosen greedily so that every pair is
/// served exactly once, and pairs left over get their own dimension. Single-attribute cells are margins too. Unit
/// cells get the respondents attached directly and are then rolled up the tree. Every cell × item is written by
/// exactly one task, so workers need no locks, and all arithmetic is on integers, so the result does not depend on
/// the order of respondents or on scheduling.</para>
/// </remarks>
internal static class CubeEngine
{
    /// <summary>The most items packed into one pass (6^3 = 216 answer combinations fit one byte).</summary>
    internal const int MaxItemsPerPass = 3;

    private const int Levels = CampaignColumns.MaxAnswer + 1;

    /// <summary>Most greedy orders tried when planning.</summary>
    private const int PlanTrials = 256;

    /// <summary>Bound on trials × candidate triples, so planning stays cheap with many attributes.</summary>
    private const int PlanWork = 100_000;

    /// <summary>Seed of the candidate shuffles (fixed: the plan is deterministic).</summary>
    private const int PlanSeed = 20261128;

    /// <summary>Default largest histogram (in counters) a pass may use; fewer items are packed per pass to stay below
    /// it. 2^17 counters = 512 KiB, inside a 1 MiB per-core L2 cache (measured on the bench
    /// machine: 2^16 and 2^18 were no faster).</summary>
    internal const int DefaultHistogramBudget = 1 << 17;

    /// <param name="campaign">Validated columns.</param>
    /// <param name="workers">Most threads to use; -1 lets the scheduler decide.</param>
    /// <param name="histogramBudget">Largest histogram per pass, in counters (tests lower it to force other plans).</param>
    public static ResultsCube Compute(CampaignColumns campaign, int workers, int histogramBudget = DefaultHistogramBudget)
    {
        var attributes = campaign.Attributes;
        var valueCounts = attributes.Select(a => a.ValueCount).ToArray();
        var cube = new ResultsCube(campaign.UnitCount, valueCounts, campaign.Items.Count);

        var dimensions = PlanDimensions(campaign.UnitCount, valueCounts, campaign.Items.Count, histogramBudget);
        var passes = new Pass[MaxItemsPerPass + 1][];
        foreach (var size in dimensions.Select(d => d.ItemsPerPass).Distinct())
        {
            passes[size] = BuildPasses(campaign, size, workers);
        }

        var tasks = dimensions.SelectMany(d => passes[d.ItemsPerPass].Select(p => (Dimension: d, Pass: p))).ToArray();
        var histogramSize = tasks.Max(t => t.Dimension.Keys * t.Pass.Bins);
        // Tasks are handed out one at a time (ranges of size 1), so a worker that loses its core on a busy machine
        // holds up at most one task.
        Parallel.ForEach(
            Partitioner.Create(0, tasks.Length, 1),
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () => new int[histogramSize],
            (range, _, histogram) =>
            {
                for (var task = range.Item1; task < range.Item2; task++)
                {
                    Run(campaign, cube, tasks[task].Dimension, tasks[task].Pass, histogram);
                }

                return histogram;
            },
            _ => { });

        RollUp(cube, campaign.UnitParents.Span, campaign.RollupOrder);
        return cube;
    }

    /// <summary>The unit dimension, then attribute triples that cover attribute pairs, then a pair dimension for every
    /// pair left over; each attribute's single cells go to the first dimension that contains it.</summary>
    /// <remarks>Triples are picked greedily (each must cover three pairs not yet covered), preferring those that pack
    /// more items per pass; the greedy run is repeated over up to <see cref="PlanTrials"/> candidate orders (a fixed seed, so
    /// the plan is deterministic) and the plan with the fewest sweeps is kept. For 9 attributes this usually finds a
    /// Steiner triple system: 12 triples covering all 36 pairs exactly once. The plan affects speed only, never the
    /// result.</remarks>
    private static List<Dimension> PlanDimensions(int unitCount, int[] valueCounts, int itemCount, int budget)
    {
        var a = valueCounts.Length;
        var candidates = new List<(int X, int Y, int Z, int PerPass)>();
        for (var x = 0; x < a; x++)
        {
            for (var y = x + 1; y < a; y++)
            {
                for (var z = y + 1; z < a; z++)
                {
                    long keys = (valueCounts[x] + 1L) * (valueCounts[y] + 1) * (valueCounts[z] + 1);
                    // A triple pays only if it packs at least two items per pass (three pair sweeps of three items
                    // cost as many increments as one triple sweep of one item).
                    if (keys * Levels * Levels <= budget)
                    {
                        candidates.Add((x, y, z, ItemsPerPass(keys, itemCount, budget)));
                    }
                }
            }
        }

        var random = new Random(PlanSeed);
        var order = candidates.ToArray();
        List<(int X, int Y, int Z)> best = [];
        var bestCost = long.MaxValue;
        // Bound the planning work for campaigns with many attributes (C(a, 3) candidates per trial).
        var trials = candidates.Count == 0 ? 1 : Math.Clamp(PlanWork / candidates.Count, 1, PlanTrials);
        for (var trial = 0; trial < trials; trial++)
        {
            if (trial > 0)
            {
                random.Shuffle(order);
            }

            var triples = CoverGreedily(order.OrderByDescending(c => c.PerPass), a);
            var cost = Cost(triples, valueCounts, itemCount, budget);
            if (cost < bestCost)
            {
                (best, bestCost) = (triples, cost);
            }
        }

        var owner = new bool[a];
        var dimensions = new List<Dimension> { new([], [], unitCount, [], [], ItemsPerPass(unitCount, itemCount, budget)) };
        var covered = new bool[a, a];
        foreach (var (x, y, z) in best)
        {
            covered[x, y] = covered[x, z] = covered[y, z] = true;
            dimensions.Add(AttributeDimension([x, y, z], valueCounts, [(0, 1), (0, 2), (1, 2)], owner, itemCount, budget));
        }

        for (var x = 0; x < a; x++)
        {
            for (var y = x + 1; y < a; y++)
            {
                if (!covered[x, y])
                {
                    dimensions.Add(AttributeDimension([x, y], valueCounts, [(0, 1)], owner, itemCount, budget));
                }
            }
        }

        if (a == 1)
        {
            dimensions.Add(AttributeDimension([0], valueCounts, [], owner, itemCount, budget));
        }

        return dimensions;
    }

    private static List<(int X, int Y, int Z)> CoverGreedily(IEnumerable<(int X, int Y, int Z, int PerPass)> candidates, int attributes)
    {
        var covered = new bool[attributes, attributes];
        var triples = new List<(int X, int Y, int Z)>();
        foreach (var (x, y, z, _) in candidates)
        {
            if (!covered[x, y] && !covered[x, z] && !covered[y, z])
            {
                covered[x, y] = covered[x, z] = covered[y, z] = true;
                triples.Add((x, y, z));
            }
        }

        return triples;
    }

    /// <summary>Number of sweeps over the respondents the attribute dimensions of a plan need.</summary>
    private static long Cost(List<(int X, int Y, int Z)> triples, int[] valueCounts, int itemCount, int budget)
    {
        var a = valueCounts.Length;
        var covered = new bool[a, a];
        long sweeps = 0;
        foreach (var (x, y, z) in triples)
        {
            covered[x, y] = covered[x, z] = covered[y, z] = true;
            sweeps += Passes((valueCounts[x] + 1L) * (valueCounts[y] + 1) * (valueCounts[z] + 1));
        }

        for (var x = 0; x < a; x++)
        {
            for (var y = x + 1; y < a; y++)
            {
                if (!covered[x, y])
                {
                    sweeps += Passes((valueCounts[x] + 1L) * (valueCounts[y] + 1));
                }
            }
        }

        return sweeps;

        long Passes(long keys)
        {
            var perPass = Math.Max(1, ItemsPerPass(keys, itemCount, budget));
            return (itemCount + perPass - 1) / perPass;
        }
    }

    private static Dimension AttributeDimension(int[] members, int[] valueCounts, (int, int)[] pairs, bool[] owner, int itemCount, int budget)
    {
        var widths = members.Select(m => valueCounts[m] + 1).ToArray();
        var keys = widths.Aggregate(1, (p, w) => p * w);
        var singles = new List<int>();
        for (var i = 0; i < members.Length; i++)
        {
            if (!owner[members[i]])
            {
                owner[members[i]] = true;
                singles.Add(i);
            }
        }

        return new Dimension(members, widths, keys, pairs, [.. singles], ItemsPerPass(keys, itemCount, budget));
    }

    private static int ItemsPerPass(long keys, int itemCount, int budget)
    {
        if (itemCount == 0)
        {
            return 0;
        }

        var size = MaxItemsPerPass;
        while (size > 1 && keys * (long)Math.Pow(Levels, size) > budget)
        {
            size--;
        }

        return size;
    }

    private static Pass[] BuildPasses(CampaignColumns campaign, int itemsPerPass, int workers)
    {
        var items = campaign.Items;
        var n = campaign.RespondentCount;
        if (itemsPerPass == 0)
        {
            return [new Pass(0, 0, 0, 1, new byte[n])];
        }

        var passes = new Pass[(items.Count + itemsPerPass - 1) / itemsPerPass];
        Parallel.For(0, passes.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, p =>
        {
            var first = p * itemsPerPass;
            var size = Math.Min(itemsPerPass, items.Count - first);
            var bins = 1;
            for (var j = 0; j < size; j++)
            {
                bins *= Levels;
            }

            ReadOnlyMemory<byte> codes;
            if (size == 1)
            {
                codes = items[first];
            }
            else
            {
                var packed = new byte[n];
                for (var j = 0; j < size; j++)
                {
                    var answers = items[first + j].Span;
                    unchecked
                    {
                        for (var r = 0; r < packed.Length; r++)
                        {
                            packed[r] = (byte)((packed[r] * Levels) + answers[r]);
                        }
                    }
                }

                codes = packed;
            }

            passes[p] = new Pass(p, first, size, bins, codes);
        });
        return passes;
    }

    private static void Run(CampaignColumns campaign, ResultsCube cube, Dimension dimension, Pass pass, int[] histogram)
    {
        var bins = pass.Bins;
        var counts = histogram.AsSpan(0, dimension.Keys * bins);
        counts.Clear();
        var codes = pass.Codes.Span;
        var members = dimension.Members;
        switch (members.Length)
        {
            case 0:
                CountByUnit(campaign.RespondentUnits.Span, codes, bins, counts);
                break;
            case 1:
                CountByAttributes(campaign.Attributes[members[0]].Codes.Span, codes, codes, 0, 0, codes, bins, counts);
                break;
            case 2:
                CountByAttributes(
                    campaign.Attributes[members[0]].Codes.Span,
                    campaign.Attributes[members[1]].Codes.Span,
                    codes,
                    dimension.Widths[1] * bins,
                    0,
                    codes,
                    bins,
                    counts);
                break;
            default:
                CountByAttributes(
                    campaign.Attributes[members[0]].Codes.Span,
                    campaign.Attributes[members[1]].Codes.Span,
                    campaign.Attributes[members[2]].Codes.Span,
                    dimension.Widths[1] * dimension.Widths[2] * bins,
                    dimension.Widths[2] * bins,
                    codes,
                    bins,
                    counts);
                break;
        }

        Span<long> totals = stackalloc long[(3 * MaxItemsPerPass) + 1];
        Span<long> margins = stackalloc long[Levels * MaxItemsPerPass];
        Span<int> values = stackalloc int[3];
        var withRespondents = pass.Index == 0;
        for (var key = 0; key < dimension.Keys; key++)
        {
            if (!Tally(counts.Slice(key * bins, bins), pass, margins, totals))
            {
                continue;
            }

            if (members.Length == 0)
            {
                Add(cube, key, pass, totals, withRespondents);
                continue;
            }

            var rest = key;
            for (var m = members.Length - 1; m >= 0; m--)
            {
                values[m] = rest % dimension.Widths[m];
                rest /= dimension.Widths[m];
            }

            foreach (var (x, y) in dimension.Pairs)
            {
                if (values[x] > 0 && values[y] > 0)
                {
                    Add(cube, cube.PairCell(members[x], values[x], members[y], values[y]), pass, totals, withRespondents);
                }
            }

            foreach (var x in dimension.Singles)
            {
                if (values[x] > 0)
                {
                    Add(cube, cube.AttributeCell(members[x], values[x]), pass, totals, withRespondents);
                }
            }
        }
    }

    /// <summary>Reads one key's histogram row into totals = [n_j, sum_j, fav_j for each item j of the pass, respondents].</summary>
    /// <param name="row">Counts per packed answer code.</param>
    /// <param name="pass">The pass.</param>
    /// <param name="margins">Scratch space of 6 × items-per-pass counters.</param>
    /// <param name="totals">Output.</param>
    /// <returns>False when the row is empty.</returns>
    private static bool Tally(ReadOnlySpan<int> row, Pass pass, Span<long> margins, Span<long> totals)
    {
        if (row.IndexOfAnyExcept(0) < 0)
        {
            return false;
        }

        var size = pass.Size;
        margins.Clear();
        long respondents = 0;
        if (size == 0)
        {
            respondents = row[0];
        }
        else
        {
            // The row is a 6 × … × 6 array with the last item varying fastest. The last item's margin is the sum of
            // the row's 6-wide blocks; summing each block leaves the same shape one item shorter, and so on.
            Span<long> rest = stackalloc long[row.Length / Levels];
            var m = margins.Slice((size - 1) * Levels, Levels);
            for (var r = 0; r < rest.Length; r++)
            {
                long blockSum = 0;
                for (var v = 0; v < Levels; v++)
                {
                    long count = row[(r * Levels) + v];
                    m[v] += count;
                    blockSum += count;
                }

                rest[r] = blockSum;
            }

            for (var j = size - 2; j >= 0; j--)
            {
                m = margins.Slice(j * Levels, Levels);
                var blocks = rest.Length / Levels;
                for (var r = 0; r < blocks; r++)
                {
                    long blockSum = 0;
                    for (var v = 0; v < Levels; v++)
                    {
                        var count = rest[(r * Levels) + v];
                        m[v] += count;
                        blockSum += count;
                    }

                    rest[r] = blockSum;
                }

                rest = rest[..blocks];
            }

            for (var v = 0; v < Levels; v++)
            {
                respondents += margins[v];
            }
        }

        for (var j = 0; j < size; j++)
        {
            var m = margins.Slice(j * Levels, Levels);
            long n = 0, sum = 0, favourable = 0;
            for (var v = 1; v < Levels; v++)
            {
                n += m[v];
                sum += v * m[v];
                if (v >= CampaignColumns.FavourableFrom)
                {
                    favourable += m[v];
                }
            }

            totals[3 * j] = n;
            totals[(3 * j) + 1] = sum;
            totals[(3 * j) + 2] = favourable;
        }

        totals[3 * MaxItemsPerPass] = respondents;
        return true;
    }

    private static void Add(ResultsCube cube, int cell, Pass pass, ReadOnlySpan<long> totals, bool withRespondents)
    {
        if (withRespondents)
        {
            cube.RespondentsSpan[cell] += (int)totals[3 * MaxItemsPerPass];
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

    /// <summary>counts[unit × bins + code]++ for every respondent. Input reads are unchecked (their bounds are proven
    /// by slicing); the histogram write keeps its bounds check (it costs nothing measurable), so a column changed after
    /// <see cref="CampaignColumns"/> validated it can only throw, never write outside the histogram.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountByUnit(ReadOnlySpan<int> units, ReadOnlySpan<byte> codes, int bins, Span<int> counts)
    {
        // Slicing throws unless every column has n entries, so the unchecked reads below stay inside them.
        var n = units.Length;
        ref var u = ref MemoryMarshal.GetReference(units);
        ref var code = ref MemoryMarshal.GetReference(codes[..n]);
        unchecked
        {
            for (nint r = 0; r < n; r++)
            {
                counts[(Unsafe.Add(ref u, r) * bins) + Unsafe.Add(ref code, r)]++;
            }
        }
    }

    /// <summary>counts[a × strideA + b × strideB + c × bins + code]++ for every respondent (a stride of 0 drops that
    /// column). Input reads are unchecked (bounds proven by slicing); the histogram write is bounds-checked, as in
    /// <see cref="CountByUnit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountByAttributes(
        ReadOnlySpan<byte> a,
        ReadOnlySpan<byte> b,
        ReadOnlySpan<byte> c,
        int strideA,
        int strideB,
        ReadOnlySpan<byte> codes,
        int bins,
        Span<int> counts)
    {
        // Slicing throws unless every column has n entries, so the unchecked reads below stay inside them.
        var n = codes.Length;
        ref var ra = ref MemoryMarshal.GetReference(a[..n]);
        ref var rb = ref MemoryMarshal.GetReference(b[..n]);
        ref var rc = ref MemoryMarshal.GetReference(c[..n]);
        ref var code = ref MemoryMarshal.GetReference(codes);
        unchecked
        {
            if (strideA == 0)
            {
                // One attribute (passed as a).
                for (nint r = 0; r < n; r++)
                {
                    counts[(Unsafe.Add(ref ra, r) * bins) + Unsafe.Add(ref code, r)]++;
                }
            }
            else if (strideB == 0)
            {
                // Two attributes (a, b).
                for (nint r = 0; r < n; r++)
                {
                    counts[(Unsafe.Add(ref ra, r) * strideA) + (Unsafe.Add(ref rb, r) * bins) + Unsafe.Add(ref code, r)]++;
                }
            }
            else
            {
                for (nint r = 0; r < n; r++)
                {
                    counts[(Unsafe.Add(ref ra, r) * strideA) + (Unsafe.Add(ref rb, r) * strideB) + (Unsafe.Add(ref rc, r) * bins) + Unsafe.Add(ref code, r)]++;
                }
            }
        }
    }

    /// <summary>A key space: the unit column (no members) or attribute columns <paramref name="Members"/>.</summary>
    /// <param name="Members">Attribute indices, ascending.</param>
    /// <param name="Widths">Value count + 1 (missing) of each member; key = mixed-radix number of the codes.</param>
    /// <param name="Keys">Number of keys.</param>
    /// <param name="Pairs">Member positions whose pair cells this dimension writes.</param>
    /// <param name="Singles">Member positions whose single-attribute cells this dimension writes.</param>
    /// <param name="ItemsPerPass">Items packed per pass so that Keys × 6^ItemsPerPass stays within the budget.</param>
    private sealed record Dimension(int[] Members, int[] Widths, int Keys, (int X, int Y)[] Pairs, int[] Singles, int ItemsPerPass);

    /// <summary>A group of consecutive items swept together.</summary>
    /// <param name="Index">Position among the passes of the same size (pass 0 also counts respondents).</param>
    /// <param name="FirstItem">First item index.</param>
    /// <param name="Size">Number of items (0 only when the campaign has no items).</param>
    /// <param name="Bins">6^Size packed answer codes.</param>
    /// <param name="Codes">Packed answer code per respondent (the item column itself when Size = 1): the answer to
    /// item FirstItem + j is base-6 digit j, most significant first.</param>
    private sealed record Pass(int Index, int FirstItem, int Size, int Bins, ReadOnlyMemory<byte> Codes);
}
