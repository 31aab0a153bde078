using System.Diagnostics;
using System.Globalization;
using Belonging.Core.Surveys;
using Belonging.Data;
using Belonging.Data.Campaigns;
using Belonging.Data.Demo;
using Belonging.Data.Results;
using Belonging.Data.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Bench;

/// <summary>
/// <c>results --people 100000 --seed 1 [--response-rate 1.0]</c>: a closed campaign of a generated organisation in a real SQLite file, then the
/// server work behind each results page (the same code the pages call): cold load (read + release) once, then the warm
/// page computations, each the median of 7 runs.
/// </summary>
internal static class ResultsBench
{
    public static async Task<int> RunAsync(int people, int seed, double responseRate)
    {
        var dir = Path.Combine(Path.GetTempPath(), "belonging-results-bench-" + seed.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"bench-{people}.db");
        var connection = $"Data Source={file}";
        var today = new DateOnly(2026, 11, 1);
        Guid campaignId;
        var setup = Stopwatch.StartNew();
        if (File.Exists(file))
        {
            File.Delete(file);
        }

        await using (var db = Database.Create(DatabaseProvider.Sqlite, connection))
        {
            await db.Database.MigrateAsync();
            await InstrumentSeeding.EnsureAsync(db, BlueprintCore.Instrument, CancellationToken.None);
            var version = await db.InstrumentVersions.AsNoTracking().FirstAsync();
            var items = await db.InstrumentItems.AsNoTracking().Where(i => i.VersionId == version.Id).OrderBy(i => i.Position).ToListAsync();
            var org = DemoOrganisation.Generate(seed, people, today);
            db.ReportingAttributeDefinitions.AddRange(org.Definitions);
            db.OrgUnits.AddRange(org.Units);
            await db.SaveChangesAsync();
            db.People.AddRange(org.People);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var campaign = new Campaign("Bench survey", version.Id, today.AddDays(-30), today.AddDays(-1), 5, 10);
            var design = new ReleaseDesign([new DesignatedBreakdown("gender", 1), new DesignatedBreakdown("location", 1)], [new DesignatedPair("gender", "location", 0)]);
            campaign.SetReportingDesign(design.ToJson());
            var frozen = design.Freeze(org.People.Select(p => (IReadOnlyDictionary<string, string>)p.Attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal)));
            campaign.Open(today.AddDays(-30).ToDateTime(TimeOnly.MinValue), frozen.ToJson());
            campaign.MarkAnswered();
            campaign.Close(today.ToDateTime(TimeOnly.MinValue));
            db.Campaigns.Add(campaign);
            db.CampaignUnits.AddRange(org.Units.Select(u => new CampaignUnit(campaign.Id, u.Id, u.ParentId, u.Name)));
            var random = new Random(seed);
            var answered = 0;
            foreach (var p in org.People)
            {
                if (random.NextDouble() >= responseRate)
                {
                    continue;
                }

                var disposition = org.Disposition.TryGetValue(p.Id, out var d) ? d : 0.5;
                var values = new byte[items.Count];
                foreach (var item in items)
                {
                    values[item.Position] = item.Scale switch
                    {
                        ItemScale.Agreement5 => random.NextDouble() < 0.03 ? (byte)0 : (byte)Math.Clamp((int)Math.Round(1 + (4 * disposition) + ((random.NextDouble() - 0.5) * 2)), 1, 5),
                        ItemScale.ZeroToTen => (byte)(1 + Math.Clamp((int)Math.Round(10 * disposition + ((random.NextDouble() - 0.5) * 4)), 0, 10)),
                        _ => 0,
                    };
                }

                db.ResponseSets.Add(new ResponseSet(Ids.New(), campaign.Id, p.OrgUnitId, CampaignLifecycle.Demographics(p), values));
                answered++;
            }

            await db.SaveChangesAsync();
            campaignId = campaign.Id;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"setup: {org.People.Count} people, {org.Units.Count} units, {answered} answer sets, {setup.Elapsed.TotalSeconds:F1} s"));
        }

        CampaignData data;
        var cold = Stopwatch.StartNew();
        await using (var db = Database.Create(DatabaseProvider.Sqlite, connection))
        {
            data = (await new CampaignResults(db).LoadAsync(campaignId, CancellationToken.None)).Value;
        }

        cold.Stop();
        var root = data.Root;
        var overview = Median(() => _ = CampaignResults.Score(data, CampaignResults.UnitCell(root.Id)));
        var heatmap = Median(() => _ = CampaignResults.Heatmap(data, root, 2));
        var breakdown = Median(() =>
        {
            var table = CampaignResults.Breakdown(data, root, "gender").Value;
            var whole = CampaignResults.Score(data, CampaignResults.UnitCell(root.Id));
            _ = GapAnalysis.Compare(table.Rows.Select(r => (r.Label, r.Scores)).ToList(), whole, data.K);
        });
        var drivers = Median(() => _ = CampaignResults.Drivers(data, root.Id, Enumerable.Range(1, 6).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray()));
        var export = Median(() => _ = ResultsExport.Csv(data, root));
        var audit = data.Release!.Audit;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"release cells={audit.Cells} reported={audit.Reported} primary={audit.PrimarySuppressed} complementary={audit.ComplementarySuppressed} rounds={audit.AttackerRounds} root_reported={data.Release.IsReported(CampaignResults.UnitCell(root.Id))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"results respondents={(data.Release.Disclose(CampaignResults.UnitCell(root.Id), () => 0) is Belonging.Core.Privacy.Reported<int> r ? r.N : 0)} units={data.Units.Count} cold_load_s={cold.Elapsed.TotalSeconds:F2} overview_ms={overview:F1} heatmap_ms={heatmap:F1} breakdown_gaps_ms={breakdown:F1} drivers_ms={drivers:F1} export_ms={export:F1}"));
        return 0;
    }

    private static double Median(Action action)
    {
        action();
        var times = new double[7];
        for (var i = 0; i < times.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[3];
    }
}
