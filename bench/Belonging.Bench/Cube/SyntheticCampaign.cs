using Belonging.Core.Statistics.Cube;

namespace Belonging.Bench.Cube;

/// <summary>
/// A seeded synthetic campaign: a 4-level unit tree (1 root, 8 divisions, 80 departments, 2,000 teams), respondents
/// in teams of skewed size, 9 attributes with 2–20 values (~2 % not stated) and 36 Likert items (~3 % skipped),
/// answers correlated through a per-team climate and a per-person disposition.
/// </summary>
internal sealed class SyntheticCampaign
{
    public static readonly int[] LevelSizes = [1, 8, 80, 2000];

    public static readonly int[] AttributeValueCounts = [2, 3, 4, 5, 7, 9, 12, 16, 20];

    public const int ItemCount = 36;

    private SyntheticCampaign(int[] parents, int[][] unitAtLevel, int[] units, byte[][] attributes, byte[][] items)
    {
        Parents = parents;
        UnitAtLevel = unitAtLevel;
        Units = units;
        Attributes = attributes;
        Items = items;
    }

    /// <summary>Parent of each unit (-1 for the root). Units are numbered level by level.</summary>
    public int[] Parents { get; }

    /// <summary>UnitAtLevel[l][r] = the respondent's ancestor at level l + 1 (the last level is the team itself).</summary>
    public int[][] UnitAtLevel { get; }

    /// <summary>Team of each respondent.</summary>
    public int[] Units { get; }

    /// <summary>Attribute codes (0 = not stated).</summary>
    public byte[][] Attributes { get; }

    /// <summary>Answers (0 = skipped or don't know, 1..5).</summary>
    public byte[][] Items { get; }

    public int RespondentCount => Units.Length;

    public CampaignColumns ToColumns() => new(
        Parents,
        Units,
        [.. AttributeValueCounts.Select((v, a) => new AttributeColumn($"a{a}", v, Attributes[a]))],
        [.. Items.Select(c => (ReadOnlyMemory<byte>)c)]);

    public static SyntheticCampaign Generate(int respondents, int seed)
    {
        var random = new Random(seed);

        // Unit tree, numbered level by level; every inner unit gets at least one child.
        var firstOfLevel = new int[LevelSizes.Length];
        for (var l = 1; l < LevelSizes.Length; l++)
        {
            firstOfLevel[l] = firstOfLevel[l - 1] + LevelSizes[l - 1];
        }

        var unitCount = firstOfLevel[^1] + LevelSizes[^1];
        var parents = new int[unitCount];
        parents[0] = -1;
        for (var l = 1; l < LevelSizes.Length; l++)
        {
            for (var i = 0; i < LevelSizes[l]; i++)
            {
                var parentIndex = i < LevelSizes[l - 1] ? i : random.Next(LevelSizes[l - 1]);
                parents[firstOfLevel[l] + i] = firstOfLevel[l - 1] + parentIndex;
            }
        }

        // Team sizes are skewed (log-normal weights); each team has its own climate.
        var teams = LevelSizes[^1];
        var cumulative = new double[teams];
        var climate = new double[teams];
        var total = 0.0;
        for (var t = 0; t < teams; t++)
        {
            total += Math.Exp(0.8 * Gaussian(random));
            cumulative[t] = total;
            climate[t] = 0.4 * Gaussian(random);
        }

        var units = new int[respondents];
        var disposition = new double[respondents];
        for (var r = 0; r < respondents; r++)
        {
            var team = Array.BinarySearch(cumulative, random.NextDouble() * total);
            team = Math.Min(team < 0 ? ~team : team, teams - 1);
            units[r] = firstOfLevel[^1] + team;
            disposition[r] = climate[team] + (0.7 * Gaussian(random));
        }

        var unitAtLevel = new int[LevelSizes.Length][];
        unitAtLevel[^1] = units;
        for (var l = LevelSizes.Length - 2; l >= 0; l--)
        {
            var below = unitAtLevel[l + 1];
            var column = new int[respondents];
            for (var r = 0; r < respondents; r++)
            {
                column[r] = parents[below[r]];
            }

            unitAtLevel[l] = column;
        }

        // Attributes: Zipf-like value weights in a random order, about 2 % not stated.
        var attributes = new byte[AttributeValueCounts.Length][];
        for (var a = 0; a < attributes.Length; a++)
        {
            var values = AttributeValueCounts[a];
            var weights = Enumerable.Range(1, values).Select(v => 1.0 / Math.Pow(v, 0.8)).OrderBy(_ => random.Next()).ToArray();
            var cdf = new double[values];
            var sum = 0.0;
            for (var v = 0; v < values; v++)
            {
                sum += weights[v];
                cdf[v] = sum;
            }

            var column = new byte[respondents];
            for (var r = 0; r < respondents; r++)
            {
                if (random.NextDouble() < 0.02)
                {
                    continue;
                }

                var v = Array.BinarySearch(cdf, random.NextDouble() * sum);
                column[r] = (byte)(Math.Min(v < 0 ? ~v : v, values - 1) + 1);
            }

            attributes[a] = column;
        }

        // Items: answer = round(3 + item level + disposition + noise) clamped to 1..5, about 3 % skipped.
        var items = new byte[ItemCount][];
        for (var i = 0; i < ItemCount; i++)
        {
            var level = (random.NextDouble() * 1.2) - 0.4;
            var column = new byte[respondents];
            for (var r = 0; r < respondents; r++)
            {
                if (random.NextDouble() < 0.03)
                {
                    continue;
                }

                var x = Math.Round(3 + level + disposition[r] + ((random.NextDouble() - 0.5) * 2.4));
                column[r] = (byte)Math.Clamp(x, 1, 5);
            }

            items[i] = column;
        }

        return new SyntheticCampaign(parents, unitAtLevel, units, attributes, items);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
