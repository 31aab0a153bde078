using Belonging.Core.Statistics.Cube;
using CsCheck;

namespace Belonging.Core.Tests.Statistics;

public sealed class CubeTests
{
    [Fact]
    public void Compute_RandomCampaigns_MatchesNaiveLinq() =>
        Gen.Int.Sample(seed =>
        {
            var data = Campaign.Random(seed);
            AssertMatchesNaive(data, ResultsCube.Compute(data.ToColumns()));
        }, iter: 200);

    [Fact]
    public void Compute_ShuffledRows_SameCube() =>
        Gen.Int.Sample(seed =>
        {
            var data = Campaign.Random(seed);
            var shuffled = data.Shuffle(new Random(seed ^ 0x5EED));
            AssertSame(ResultsCube.Compute(data.ToColumns()), ResultsCube.Compute(shuffled.ToColumns()));
        }, iter: 100);

    [Fact]
    public void Compute_OneWorkerOrMany_SameCube() =>
        Gen.Int.Sample(seed =>
        {
            var columns = Campaign.Random(seed).ToColumns();
            AssertSame(ResultsCube.Compute(columns, 1), ResultsCube.Compute(columns, 4));
        }, iter: 50);

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(5_000)]
    public void Compute_SmallHistogramBudget_SameCube(int budget) =>
        Gen.Int.Sample(seed =>
        {
            // Small budgets force one or two items per pass and pair dimensions instead of triples.
            var columns = Campaign.Random(seed).ToColumns();
            AssertSame(ResultsCube.Compute(columns), CubeEngine.Compute(columns, 2, budget));
        }, iter: 50);

    [Fact]
    public void Compute_Root_HoldsEveryRespondentAndEveryAnswer() =>
        Gen.Int.Sample(seed =>
        {
            var data = Campaign.Random(seed, roots: 1);
            var cube = ResultsCube.Compute(data.ToColumns());
            var root = Array.IndexOf(data.Parents, -1);
            Assert.Equal(data.Units.Length, cube.Respondents(root));
            for (var i = 0; i < data.Items.Length; i++)
            {
                Assert.Equal(data.Items[i].Count(v => v > 0), cube.N(root, i));
                Assert.Equal(data.Items[i].Sum(v => (long)v), cube.Sum(root, i));
                Assert.Equal(data.Items[i].Count(v => v >= 4), cube.Favourable(root, i));
            }
        }, iter: 100);

    [Fact]
    public void Compute_AnswerBecomesMissing_NDropsByOneInItsCellsOnly()
    {
        var data = Campaign.Random(7, roots: 1);
        var before = ResultsCube.Compute(data.ToColumns());
        var (row, item) = (Enumerable.Range(0, data.Units.Length).First(r => data.Items[0][r] == 5), 0);
        data.Items[item][row] = 0;
        var after = ResultsCube.Compute(data.ToColumns());
        for (var cell = 0; cell < before.CellCount; cell++)
        {
            var contains = Contains(data, before.Describe(cell), row);
            Assert.Equal(before.Respondents(cell), after.Respondents(cell));
            Assert.Equal(before.N(cell, item) - (contains ? 1 : 0), after.N(cell, item));
            Assert.Equal(before.Sum(cell, item) - (contains ? 5 : 0), after.Sum(cell, item));
            Assert.Equal(before.Favourable(cell, item) - (contains ? 1 : 0), after.Favourable(cell, item));
        }
    }

    [Fact]
    public void Compute_EveryAnswerMissing_NIsZeroAndMeanIsNaN()
    {
        var data = Campaign.Random(11);
        foreach (var column in data.Items)
        {
            Array.Clear(column);
        }

        var cube = ResultsCube.Compute(data.ToColumns());
        for (var cell = 0; cell < cube.CellCount; cell++)
        {
            for (var i = 0; i < cube.ItemCount; i++)
            {
                Assert.Equal(0, cube.N(cell, i));
                Assert.True(double.IsNaN(cube.Mean(cell, i)));
                Assert.True(double.IsNaN(cube.PercentFavourable(cell, i)));
            }
        }
    }

    [Fact]
    public void Describe_InvertsCellNumbering()
    {
        var cube = ResultsCube.Compute(Campaign.Random(3, attributes: 4).ToColumns());
        var seen = new HashSet<int>();
        for (var u = 0; u < cube.UnitCount; u++)
        {
            Assert.Equal(new CubeCell(CubeCellKind.Unit, u, -1, -1, -1, -1), cube.Describe(cube.UnitCell(u)));
            Assert.True(seen.Add(cube.UnitCell(u)));
        }

        for (var a = 0; a < cube.AttributeCount; a++)
        {
            for (var v = 1; v <= cube.ValueCount(a); v++)
            {
                Assert.Equal(new CubeCell(CubeCellKind.Attribute, -1, a, v, -1, -1), cube.Describe(cube.AttributeCell(a, v)));
                Assert.True(seen.Add(cube.AttributeCell(a, v)));
                for (var b = a + 1; b < cube.AttributeCount; b++)
                {
                    for (var w = 1; w <= cube.ValueCount(b); w++)
                    {
                        var cell = cube.PairCell(a, v, b, w);
                        Assert.Equal(cell, cube.PairCell(b, w, a, v));
                        Assert.Equal(new CubeCell(CubeCellKind.AttributePair, -1, a, v, b, w), cube.Describe(cell));
                        Assert.True(seen.Add(cell));
                    }
                }
            }
        }

        Assert.Equal(cube.CellCount, seen.Count);
    }

    [Fact]
    public void Ctor_CyclicUnitTree_Throws() =>
        Assert.Throws<ArgumentException>(() => new CampaignColumns(new[] { 1, 2, 0 }, new[] { 0 }, [], []));

    [Fact]
    public void Ctor_AnswerAboveFive_Throws() =>
        Assert.Throws<ArgumentException>(() => new CampaignColumns(new[] { -1 }, new[] { 0, 0 }, [], [new byte[] { 1, 6 }]));

    [Fact]
    public void Ctor_UnitOutOfRange_Throws() =>
        Assert.Throws<ArgumentException>(() => new CampaignColumns(new[] { -1 }, new[] { 0, 1 }, [], []));

    [Fact]
    public void AttributeColumn_CodeAboveValueCount_Throws() =>
        Assert.Throws<ArgumentException>(() => new AttributeColumn("x", 2, new byte[] { 0, 1, 2, 3 }));

    private static void AssertMatchesNaive(Campaign data, ResultsCube cube)
    {
        var expectedCells = data.Parents.Length
            + data.ValueCounts.Sum()
            + Enumerable.Range(0, data.ValueCounts.Length).Sum(a => Enumerable.Range(a + 1, data.ValueCounts.Length - a - 1).Sum(b => data.ValueCounts[a] * data.ValueCounts[b]));
        Assert.Equal(expectedCells, cube.CellCount);
        for (var cell = 0; cell < cube.CellCount; cell++)
        {
            var describe = cube.Describe(cell);
            var members = Enumerable.Range(0, data.Units.Length).Where(r => Contains(data, describe, r)).ToList();
            Assert.Equal(members.Count, cube.Respondents(cell));
            for (var i = 0; i < data.Items.Length; i++)
            {
                var answers = members.Select(r => data.Items[i][r]).Where(v => v != 0).ToList();
                Assert.Equal(answers.Count, cube.N(cell, i));
                Assert.Equal(answers.Sum(v => (long)v), cube.Sum(cell, i));
                Assert.Equal(answers.Count(v => v >= 4), cube.Favourable(cell, i));
            }
        }
    }

    private static bool Contains(Campaign data, CubeCell cell, int row) => cell.Kind switch
    {
        CubeCellKind.Unit => IsWithin(data.Parents, data.Units[row], cell.Unit),
        CubeCellKind.Attribute => data.Attributes[cell.Attribute][row] == cell.Value,
        CubeCellKind.AttributePair => data.Attributes[cell.Attribute][row] == cell.Value && data.Attributes[cell.SecondAttribute][row] == cell.SecondValue,
        _ => throw new ArgumentOutOfRangeException(nameof(cell)),
    };

    private static bool IsWithin(int[] parents, int unit, int ancestor)
    {
        for (var u = unit; u >= 0; u = parents[u])
        {
            if (u == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static void AssertSame(ResultsCube expected, ResultsCube actual)
    {
        Assert.Equal(expected.CellCount, actual.CellCount);
        for (var cell = 0; cell < expected.CellCount; cell++)
        {
            Assert.Equal(expected.Respondents(cell), actual.Respondents(cell));
            for (var i = 0; i < expected.ItemCount; i++)
            {
                Assert.Equal(expected.N(cell, i), actual.N(cell, i));
                Assert.Equal(expected.Sum(cell, i), actual.Sum(cell, i));
                Assert.Equal(expected.Favourable(cell, i), actual.Favourable(cell, i));
            }
        }
    }

    /// <summary>A small campaign in row-friendly arrays, the naive side of the comparison.</summary>
    private sealed record Campaign(int[] Parents, int[] Units, int[] ValueCounts, byte[][] Attributes, byte[][] Items)
    {
        public static Campaign Random(int seed, int? roots = null, int? attributes = null)
        {
            var random = new Random(seed);
            var unitCount = random.Next(1, 15);
            var rootCount = Math.Min(unitCount, roots ?? random.Next(1, 3));
            var parents = new int[unitCount];
            for (var u = 0; u < unitCount; u++)
            {
                // Parents point to earlier units, but the index order is shuffled below so the tree is not sorted.
                parents[u] = u < rootCount ? -1 : random.Next(0, u);
            }

            var permutation = Enumerable.Range(0, unitCount).OrderBy(_ => random.Next()).ToArray();
            var shuffledParents = new int[unitCount];
            for (var u = 0; u < unitCount; u++)
            {
                shuffledParents[permutation[u]] = parents[u] < 0 ? -1 : permutation[parents[u]];
            }

            var n = random.Next(0, 120);
            var units = Enumerable.Range(0, n).Select(_ => random.Next(unitCount)).ToArray();
            var a = attributes ?? random.Next(0, 8);
            var valueCounts = Enumerable.Range(0, a).Select(_ => random.Next(1, 6)).ToArray();
            var attributeCodes = valueCounts
                .Select(v => Enumerable.Range(0, n).Select(_ => (byte)random.Next(0, v + 1)).ToArray())
                .ToArray();
            var items = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => Enumerable.Range(0, n).Select(_ => (byte)random.Next(0, 6)).ToArray())
                .ToArray();
            return new Campaign(shuffledParents, units, valueCounts, attributeCodes, items);
        }

        public Campaign Shuffle(Random random)
        {
            var order = Enumerable.Range(0, Units.Length).OrderBy(_ => random.Next()).ToArray();
            return this with
            {
                Units = [.. order.Select(r => Units[r])],
                Attributes = [.. Attributes.Select(c => order.Select(r => c[r]).ToArray())],
                Items = [.. Items.Select(c => order.Select(r => c[r]).ToArray())],
            };
        }

        public CampaignColumns ToColumns() => new(
            Parents,
            Units,
            [.. ValueCounts.Select((v, a) => new AttributeColumn($"a{a}", v, Attributes[a]))],
            [.. Items.Select(c => (ReadOnlyMemory<byte>)c)]);
    }
}
