extern alias cli;

using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using cli::Belonging.Cli.Commands;
using Belonging.Data;
using Belonging.Web.Tests.Platform;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Belonging.Web.Tests.Features;

/// <summary>
/// Attacker suite, "export vs UI" and "CLI vs UI": whatever route a person takes (pages/API, CSV, XLSX, command line),
/// the same cells are reported with the same numbers and the same cells are withheld with no number at all, so no
/// route adds a cell an attacker could difference against the others.
/// </summary>
public sealed class ReleaseConsistencyTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(CampaignJourneyTests.Providers), MemberType = typeof(CampaignJourneyTests))]
    public async Task ApiCsvXlsxAndCli_ReleaseExactlyTheSameCells(DatabaseProvider provider)
    {
        TestDatabases.RequireProvider(provider);
        await using var app = new TestApp(provider);
        await app.InitialiseAsync();
        using var admin = await app.ClientAsAsync(TestOrganisation.Admin);
        var campaignId = await ClosedCampaignAsync(app, admin);

        // What the UI/API releases: every unit (heatmap, full depth) and the gender breakdown.
        var api = new Dictionary<string, string?>(StringComparer.Ordinal);
        var heatmap = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/heatmap?depth=20", Json);
        foreach (var row in heatmap.GetProperty("rows").EnumerateArray())
        {
            api["org unit|" + row.GetProperty("label").GetString()] = IndexOf(row.GetProperty("scores"));
        }

        var breakdown = await admin.GetFromJsonAsync<JsonElement>($"/api/results/{campaignId}/breakdown?attribute=gender", Json);
        foreach (var row in breakdown.GetProperty("rows").EnumerateArray())
        {
            api["gender|" + row.GetProperty("label").GetString()] = IndexOf(row.GetProperty("scores"));
        }

        Assert.Contains(api.Values, v => v is null);
        Assert.Contains(api.Values, v => v is not null);

        var csv = await admin.GetByteArrayAsync($"/api/results/{campaignId}/export?format=csv");
        AssertSame(api, FromCsv(csv));

        var xlsx = await admin.GetByteArrayAsync($"/api/results/{campaignId}/export?format=xlsx");
        AssertSame(api, FromXlsx(xlsx));

        var file = Path.Combine(Path.GetTempPath(), $"cli-export-{campaignId:N}.csv");
        var root = new RootCommand();
        root.Subcommands.Add(ResultsCommand.Create());
        var exit = await root.Parse(["results", "export", campaignId.ToString(), "--format", "csv", "--output", file, "--provider", provider.ToString(), "--connection", app.ConnectionString]).InvokeAsync();
        Assert.Equal(0, exit);
        AssertSame(api, FromCsv(await File.ReadAllBytesAsync(file)));
        File.Delete(file);

        // Leaders export only their scope: nothing from outside it appears.
        using var leader = await app.ClientAsAsync(TestOrganisation.LeaderA);
        var leaderCsv = FromCsv(await leader.GetByteArrayAsync($"/api/results/{campaignId}/export?format=csv"));
        Assert.DoesNotContain(leaderCsv.Keys, k => k.Contains("Division B", StringComparison.Ordinal) || k.Contains("Team B1", StringComparison.Ordinal));
        using var employee = await app.ClientAsAsync(TestOrganisation.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync($"/api/results/{campaignId}/export")).StatusCode);
    }

    private static string? IndexOf(JsonElement scores) =>
        scores.GetProperty("reported").GetBoolean() && scores.GetProperty("index").GetProperty("reported").GetBoolean()
            ? scores.GetProperty("index").GetProperty("value").GetDouble().ToString("R", CultureInfo.InvariantCulture)
            : null;

    private static void AssertSame(Dictionary<string, string?> api, Dictionary<string, string?> export)
    {
        foreach (var (key, value) in api)
        {
            Assert.True(export.TryGetValue(key, out var exported), $"Export lacks {key}");
            Assert.Equal(value is null, exported is null);
            if (value is not null)
            {
                // The API carries 4 decimals, the export 1: the same figure within the export's rounding (no double rounding).
                var difference = Math.Abs(double.Parse(value, CultureInfo.InvariantCulture) - double.Parse(exported!, CultureInfo.InvariantCulture));
                Assert.True(difference <= 0.05 + 1e-4, $"{key}: API {value}, export {exported}");
            }
        }

        // The export has no cell the API does not know about with a number in it.
        Assert.All(export.Where(kv => !api.ContainsKey(kv.Key)), kv => Assert.Null(kv.Value));
    }

    private static Dictionary<string, string?> FromCsv(byte[] bytes)
    {
        var lines = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            c => c[0] + "|" + c[1].Trim(),
            c => Hidden(c[Array.IndexOf(header, "status")], c[Array.IndexOf(header, "respondents")], c[Array.IndexOf(header, "belonging_index")]),
            StringComparer.Ordinal);
    }

    private static Dictionary<string, string?> FromXlsx(byte[] bytes)
    {
        using var ms = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(ms, false);
        var rows = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray()).ToList();
        var header = rows[0];
        return rows.Skip(1).ToDictionary(
            c => c[0] + "|" + c[1].Trim(),
            c => Hidden(c[Array.IndexOf(header, "status")], c[Array.IndexOf(header, "respondents")], c[Array.IndexOf(header, "belonging_index")]),
            StringComparer.Ordinal);
    }

    private static string? Hidden(string status, string respondents, string index)
    {
        if (status.StartsWith("hidden", StringComparison.Ordinal))
        {
            // A hidden row carries no count and no score.
            Assert.Equal("", respondents);
            Assert.Equal("", index);
            return null;
        }

        return index.Length == 0 ? null : double.Parse(index, CultureInfo.InvariantCulture).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static Task<Guid> ClosedCampaignAsync(TestApp app, HttpClient admin) =>
        TestCampaigns.ClosedAsync(app, admin, "consistency", new { attributes = new[] { new { name = "gender", maxDepth = 2 } }, pairs = Array.Empty<object>() }, (_, i) =>
        {
            var answer = (1 + (i % 5)).ToString(CultureInfo.InvariantCulture);
            return new Dictionary<string, string> { ["Q1"] = answer, ["Q2"] = "4", ["Q3"] = answer };
        });
}
