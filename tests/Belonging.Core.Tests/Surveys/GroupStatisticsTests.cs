using System.Text.Json;
using Belonging.Core.Privacy;
using Belonging.Core.Statistics;
using Belonging.Core.Surveys;

namespace Belonging.Core.Tests.Surveys;

/// <summary>
/// ADR 9: reports are computed from sufficient statistics stored at close instead of the answer sets. Scoring, the driver
/// analysis and reliability from the statistics must give the numbers the answer sets give, and a stored copy must hold
/// nothing about a withheld figure.
/// </summary>
public sealed class GroupStatisticsTests
{
    private static readonly ScoredItem[] Items =
    [
        new(0, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.None, false),
        new(1, ItemScale.Agreement5, BlueprintComponent.LeadershipVision, OutcomeKind.None, true),
        new(2, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
        new(3, ItemScale.Agreement5, BlueprintComponent.PsychologicalSafety, OutcomeKind.None, false),
        new(4, ItemScale.Agreement5, BlueprintComponent.InclusiveInfrastructure, OutcomeKind.None, false),
        new(5, ItemScale.Agreement5, BlueprintComponent.MeaningfulConnection, OutcomeKind.Belonging, false),
        new(6, ItemScale.Agreement5, BlueprintComponent.ContinuousLearning, OutcomeKind.None, false),
        new(7, ItemScale.Agreement5, BlueprintComponent.MeasurementAccountability, OutcomeKind.None, false),
        new(8, ItemScale.Agreement5, null, OutcomeKind.Belonging, false),
        new(9, ItemScale.Agreement5, null, OutcomeKind.IntentToStay, false),
        new(10, ItemScale.ZeroToTen, null, OutcomeKind.Recommend, false),
    ];

    private static List<byte[]> Sets(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var trait = random.Next(1, 6);
            var set = Items.Select(i => i.Scale == ItemScale.ZeroToTen
                ? (byte)random.Next(1, 12)
                : (byte)Math.Clamp(trait + random.Next(-1, 2), 1, 5)).ToArray();
            for (var j = 0; j < set.Length; j++)
            {
                if (random.NextDouble() < 0.12)
                {
                    set[j] = Scoring.Missing;
                }
            }

            return set;
        })];
    }

    [Theory]
    [InlineData(40, 1)]
    [InlineData(7, 2)]
    [InlineData(120, 3)]
    public void Score_FromStatisticsThroughJson_SameScoresAsFromTheAnswerSets(int count, int seed)
    {
        var sets = Sets(count, seed);
        var members = Enumerable.Range(0, count).Where(i => i % 5 != 1).ToArray();
        var rule = new MinimumGroupRule(5);
        bool Released(string figure) => figure != GroupScoring.ItemFigure(4);
        static Disclosure<GroupScores> Gate(Func<GroupScores> f) => new Reported<GroupScores>(f(), 1);

        var fromSets = GroupScoring.Score(Items, sets, members, rule, Gate, Released);
        var statistics = GroupScoring.Summarise(Items, sets, members).Published(Items, Released, rule.K);
        var json = JsonSerializer.Serialize(statistics);
        var fromStatistics = GroupScoring.Score(Items, JsonSerializer.Deserialize<GroupStatistics>(json)!, rule, Gate, Released);

        Assert.Equal(Text(fromSets), Text(fromStatistics));
        Assert.DoesNotContain(4, statistics.Items.Keys);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(25.0)]
    public void Published_AtAPrecision_MeanFiguresStoredRoundedQuestionsFolded(double precision)
    {
        var sets = Sets(40, 7);
        var members = Enumerable.Range(0, 40).ToArray();
        var exact = GroupScoring.Summarise(Items, sets, members);

        var stored = exact.Published(Items, _ => true, 5, precision);

        var samples = new[] { stored.Index, stored.Favourable, stored.Belonging }.Concat(stored.Components.Values).OfType<SampleSummary>().ToList();
        Assert.True(samples.Count >= 3);
        Assert.All(samples, s => Assert.Equal(0, Math.Abs(Math.IEEERemainder(s.Mean, precision)), 9));
        Assert.All(samples.Where(s => double.IsFinite(s.Variance)), s => Assert.Equal(0, Math.Abs(Math.IEEERemainder(Math.Sqrt(s.Variance), precision)), 9));
        Assert.Contains(new[] { exact.Index!.Mean, exact.Belonging!.Mean }, m => Math.Abs(Math.IEEERemainder(m, precision)) > 1e-6);   // the exact means were not on the grid
        // Questions: unfavourable / neutral / favourable exact, the score rounded; all five counts would give exact sums.
        Assert.Equal(exact.Items.Values.SelectMany(AgreementDistribution.Folded), stored.Items.Values.SelectMany(c => c));
        Assert.Equal(exact.Items.Keys.Order(), stored.ItemScores!.Keys.Order());
        Assert.All(stored.ItemScores.Values, s => Assert.Equal(0, Math.Abs(Math.IEEERemainder(s.Mean, precision)), 9));
        Assert.All(exact.Items, i => Assert.Equal(ValueWindow.Round(new AgreementDistribution(i.Value).Score, precision), stored.ItemScores[i.Key].Mean, 9));
        Assert.All(exact.Items, i => Assert.Equal(i.Value.Sum(), stored.ItemScores[i.Key].N));
        var again = stored.Published(Items, _ => true, 5, precision);   // publishing twice changes nothing
        Assert.Equal(stored.ItemScores.OrderBy(s => s.Key).Select(s => (s.Key, s.Value.N, s.Value.Mean)), again.ItemScores!.OrderBy(s => s.Key).Select(s => (s.Key, s.Value.N, s.Value.Mean)));
        Assert.Equal(stored.Items.Values.SelectMany(c => c), again.Items.Values.SelectMany(c => c));
        Assert.Equal(exact.Index.N, stored.Index!.N);
    }

    [Fact]
    public void Published_WithheldOrSmallFigures_NotStoredNorTheirN()
    {
        // Five people; item 6 answered by two of them only; the belonging outcome withheld by the release.
        var sets = Sets(5, 4);
        foreach (var set in sets.Take(3))
        {
            set[6] = Scoring.Missing;
        }

        var all = GroupScoring.Summarise(Items, sets, [0, 1, 2, 3, 4]);
        var published = all.Published(Items, f => f != GroupScoring.BelongingFigure, 5);

        Assert.Equal(2, all.Items[6].Sum());
        Assert.DoesNotContain(6, published.Items.Keys);
        Assert.Contains(GroupScoring.ItemFigure(6), published.TooFew!);
        Assert.Null(published.Belonging);
        Assert.All(published.FigureCounts(Items), f => Assert.True(f.Value >= 5, $"{f.Key} stored with n = {f.Value}"));
        Assert.Equal(5, published.Respondents);
    }

    [Fact]
    public void Drivers_FromStatistics_SameAnalysisAsFromTheRows()
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 80).Select(_ =>
        {
            var x = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 100).ToArray();
            var y = (0.5 * x[0]) + (0.3 * x[1]) + (0.1 * x[2]) + (random.NextDouble() * 20);
            return random.NextDouble() < 0.1 ? [x[0], double.NaN, x[2], y] : new[] { x[0], x[1], x[2], y };
        }).ToList();
        string[] names = ["a", "b", "c"];

        var fromRows = Drivers.Analyse(rows, names).Value;
        var fromStatistics = Drivers.Analyse(Drivers.Summarise(rows, 4), names).Value;

        Assert.Equal(fromRows.N, fromStatistics.N);
        Assert.Equal(fromRows.RSquared, fromStatistics.RSquared, 12);
        Assert.All(fromRows.Drivers.Zip(fromStatistics.Drivers), p =>
        {
            Assert.Equal(p.First.RawWeight, p.Second.RawWeight, 12);
            Assert.Equal(p.First.GeneralDominance, p.Second.GeneralDominance, 12);
        });
        Assert.IsType<SampleTooSmallError>(Drivers.Analyse(Drivers.Summarise(rows.Take(20).ToList(), 4), names).Error);
    }

    [Fact]
    public void Reliability_FromStatistics_SameFiguresAsFromTheRows()
    {
        var sets = Sets(60, 5);
        var members = Enumerable.Range(0, sets.Count).ToArray();
        string Name(ScoredItem i) => "Q" + i.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var fromRows = ComponentReliability.Analyse(Items, sets, members, Name);
        var fromStatistics = ComponentReliability.FromStatistics(Items, ComponentReliability.Summarise(Items, sets, members, Name), Name);

        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        Assert.Equal(JsonSerializer.Serialize(fromRows, options), JsonSerializer.Serialize(fromStatistics, options));
        Assert.Contains(fromRows, r => r.Result is not null);
    }

    private static string Text(Disclosure<GroupScores> d) =>
        JsonSerializer.Serialize(d.Match<object>(r => new { r.N, r.Value.Respondents, Index = E(r.Value.Index), Fav = E(r.Value.Favourable), Bel = E(r.Value.BelongingOutcome), Stay = E(r.Value.IntentToStay),
            Components = r.Value.Components.Select(c => E(c.Index)), Items = r.Value.Items.Select(i => i.Distribution.Match<object>(x => x.Value.Counts, s => s.Reason.ToString())),
            Recommend = r.Value.Recommend.Match<object>(x => x.Value, s => s.Reason.ToString()) }, s => s.Reason.ToString()));

    private static object E(Disclosure<Estimate> d) => d.Match<object>(r => new { r.N, r.Value.Value, r.Value.Interval.Lower, r.Value.Interval.Upper, r.Value.Sample.Variance }, s => s.Reason.ToString());
}
