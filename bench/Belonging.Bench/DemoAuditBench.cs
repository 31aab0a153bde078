using System.Diagnostics;
using System.Globalization;
using Belonging.Data;
using Belonging.Data.Campaigns;
using Belonging.Data.Results;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Bench;

/// <summary>
/// <c>demo-audit --db belonging.db</c>: loads every closed campaign of a seeded SQLite database (<c>belonging seed</c>)
/// through the same loader as the pages, oldest first, and prints each release's audit counts (the cross-release table
/// in docs/methods/cross-release.md).
/// </summary>
internal static class DemoAuditBench
{
    public static async Task<int> RunAsync(string file)
    {
        var connection = $"Data Source={file}";
        List<(Guid Id, string Name)> closed;
        await using (var db = Database.Create(DatabaseProvider.Sqlite, connection))
        {
            closed = (await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Closed).ToListAsync())
                .OrderBy(c => c.ClosedAt).Select(c => (c.Id, c.Name)).ToList();
        }

        foreach (var (id, name) in closed)
        {
            var clock = Stopwatch.StartNew();
            await using var db = Database.Create(DatabaseProvider.Sqlite, connection);
            var a = (await new CampaignResults(db).LoadAsync(id, CancellationToken.None)).Value.Release!.Audit;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: cells={a.Cells} reported={a.Reported} primary={a.PrimarySuppressed} complementary={a.ComplementarySuppressed} cross_release={a.CrossReleaseSuppressed} rounds={a.AttackerRounds} passed={a.Passed} load_seconds={clock.Elapsed.TotalSeconds:F1}"));
        }

        return 0;
    }
}
