using Belonging.Bench.Cube;
using Belonging.Core.Statistics.Cube;

namespace Belonging.Bench.Tests.Cube;

public sealed class CubeBenchmarkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Check_SmallCampaign_EngineAndDuckDbAgreeOnEveryCell(int seed)
    {
        var comparison = CubeBenchmark.Check(respondents: 5_000, seed, threads: 2);

        Assert.Null(comparison.FirstMismatch);
        Assert.Equal(0, comparison.Mismatches);
        Assert.True(comparison.NonEmptyCells > SyntheticCampaign.LevelSizes.Sum());
    }

    [Fact]
    public void Compare_OneCountChanged_ReportsOneMismatch()
    {
        var campaign = SyntheticCampaign.Generate(2_000, 4);
        var ours = ResultsCube.Compute(campaign.ToColumns(), 2);
        using var duck = new DuckDbCube(campaign, 2);
        var rows = duck.Run();
        // DuckDB returns rows in no fixed order (two threads): change a row the comparison checks, not one it skips.
        var compared = rows.Where(r => CubeComparison.IsCompared(ours, r, campaign.UnitAtLevel.Length)).ToList();
        compared[compared.Count / 2][duck.GroupColumns + 2]++;

        var comparison = CubeComparison.Compare(ours, rows, campaign.UnitAtLevel.Length);

        Assert.Equal(1, comparison.Mismatches);
        Assert.False(comparison.Agree);
    }

    [Fact]
    public void Compare_RowDropped_ReportsTheMissingCell()
    {
        var campaign = SyntheticCampaign.Generate(2_000, 5);
        var ours = ResultsCube.Compute(campaign.ToColumns(), 2);
        using var duck = new DuckDbCube(campaign, 2);
        var rows = duck.Run();
        rows.RemoveAt(0);

        Assert.False(CubeComparison.Compare(ours, rows, campaign.UnitAtLevel.Length).Agree);
    }

    [Fact]
    public void Execute_SmallRun_EndsWithOneSummaryLineAndExitCodeZero()
    {
        using var output = new StringWriter();
        var code = CubeBenchmark.Execute(["--respondents", "3000", "--seed", "2", "--runs", "1"], output, TextWriter.Null);

        var last = output.ToString().TrimEnd().Split('\n')[^1];
        Assert.Equal(0, code);
        Assert.Matches(@"^cube respondents=3000 cells=\d+ engine_s=[\d.]+ duckdb_s=[\d.]+ ratio=[\d.]+ agree=true$", last);
    }
}
