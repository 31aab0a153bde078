using System.CommandLine;
using System.Text.Json;
using Belonging.Cli.Commands;
using Belonging.Data;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Cli.Tests.Commands;

/// <summary>Issue 10: <c>results list</c> wrapped ids when piped; <c>results export</c> had no way to choose a directory.</summary>
[Collection(nameof(CapturedConsole))]
public sealed class ResultsCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "belonging-cli-tests", Guid.CreateVersion7().ToString("N"));

    public ResultsCommandTests() => Directory.CreateDirectory(dir);

    private string Db => $"Data Source={Path.Combine(dir, "cli.db")}";

    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(ResultsCommand.Create());
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await root.Parse(args).InvokeAsync();
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    private async Task<List<Guid>> SeedAsync()
    {
        Assert.Equal(0, (await RunAsync("seed", "--people", "120", "--connection", Db, "--keys", Path.Combine(dir, "keys"))).Exit);
        await using var db = Database.Create(DatabaseProvider.Sqlite, Db);
        return (await db.Campaigns.Where(c => c.Status == Belonging.Data.Campaigns.CampaignStatus.Closed).Select(c => c.Id).ToListAsync()).Order().ToList();
    }

    [Fact]
    public async Task ResultsList_PlainAndJsonAndPipedDefault_OneWholeIdPerCampaign()
    {
        var ids = await SeedAsync();

        var plain = await RunAsync("results", "list", "--format", "plain", "--connection", Db);
        Assert.Equal(0, plain.Exit);
        var lines = plain.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ids, lines.Select(l => Guid.Parse(l.Split('\t')[0])).Order());
        Assert.All(lines, l => Assert.Equal(3, l.Split('\t').Length));

        var json = await RunAsync("results", "list", "--format", "json", "--connection", Db);
        Assert.Equal(0, json.Exit);
        using var parsed = JsonDocument.Parse(json.Out);
        Assert.Equal(ids, parsed.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Order());
        Assert.All(parsed.RootElement.EnumerateArray(), e => Assert.Matches(@"^\d{4}-\d\d-\d\d$", e.GetProperty("closedOn").GetString()!));

        // The test runner's stdout is a pipe, as in `belonging results list | grep …`.
        Assert.SkipUnless(Console.IsOutputRedirected, "stdout is a terminal here");
        var piped = await RunAsync("results", "list", "--connection", Db);
        Assert.Equal(plain, piped);
    }

    [Fact]
    public async Task ResultsExport_OutputDirectoryOrFile_WritesThereAndMissingDirectoryIsAClearError()
    {
        var id = (await SeedAsync())[0];
        var into = Directory.CreateDirectory(Path.Combine(dir, "exports")).FullName;

        var toDirectory = await RunAsync("results", "export", id.ToString(), "--format", "xlsx", "--output", into, "--connection", Db);
        Assert.Equal(0, toDirectory.Exit);
        Assert.True(File.Exists(Path.Combine(into, $"results-{id:N}.xlsx")), toDirectory.Out + toDirectory.Error);

        var toFile = await RunAsync("results", "export", id.ToString(), "--output", Path.Combine(into, "spring.csv"), "--connection", Db);
        Assert.Equal(0, toFile.Exit);
        Assert.True(File.Exists(Path.Combine(into, "spring.csv")));

        var missing = Path.Combine(dir, "no-such-folder");
        foreach (var output in new[] { Path.Combine(missing, "r.csv"), missing + Path.DirectorySeparatorChar })
        {
            var refused = await RunAsync("results", "export", id.ToString(), "--output", output, "--connection", Db);
            Assert.Equal(2, refused.Exit);
            Assert.Equal($"The directory '{missing}' does not exist. Create it first, or choose another --output.", refused.Error.Trim());
        }

        Assert.False(Directory.Exists(missing));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
