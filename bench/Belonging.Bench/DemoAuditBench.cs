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

        Belonging.Core.Privacy.CampaignRelease? previous = null;
        foreach (var (id, name) in closed)
        {
            var clock = Stopwatch.StartNew();
            await using var db = Database.Create(DatabaseProvider.Sqlite, connection);
            var data = (await new CampaignResults(db).LoadAsync(id, CancellationToken.None)).Value;
            var release = data.Release!;
            var a = release.Audit;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: cells={a.Cells} reported={a.Reported} primary={a.PrimarySuppressed} complementary={a.ComplementarySuppressed} cross_release={a.CrossReleaseSuppressed} rounds={a.AttackerRounds} passed={a.Passed} load_seconds={clock.Elapsed.TotalSeconds:F1}"));
            foreach (var loss in release.Loss())
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  loss {loss.Kind}: eligible={loss.Eligible} reported={loss.Reported} complementary={loss.Complementary} cross_release={loss.CrossRelease} withheld_to_protect_others={100 * loss.Share:F1}%"));
            }

            var k = release.Policy.K;
            var cellBounds = a.Withheld.Where(w => !w.DirectMembersOnly).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  withheld bounds: at most k-1 {cellBounds.Count(w => w.Max is { } m && m < k)}, at least k {cellBounds.Count(w => w.Min >= k)}, either {cellBounds.Count(w => !(w.Max is { } m && m < k) && w.Min < k)}"));
            var root = data.Root.Id.ToString();
            foreach (var attribute in release.Policy.Attributes)
            {
                var cells = release.Cells.Where(c => c.Unit == root && c.Second is null && c.First is { } f && f.Attribute == attribute.Attribute).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  organisation by {attribute.Attribute}: {string.Join(", ", cells.Select(c => $"{c.First!.Value.Value}={(release.IsReported(c) ? "shown" : "hidden")}"))}"));
            }

            // Questions (exact counts) shown in reported cells, and the steps the cells' scores are published at.
            var reportedCells = release.Cells.Where(release.IsReported).ToList();
            var questions = data.Items.Where(i => i.Scale == Belonging.Core.Surveys.ItemScale.Agreement5).Select(i => "item:" + i.Code).ToList();
            var everyQuestion = reportedCells.Count(c => questions.All(q => release.FigureReleased(c, q)));
            var everyScore = reportedCells.Count(c => questions.All(q => release.FigureReleased(c, Belonging.Core.Privacy.CampaignRelease.QuestionScoreFigure(q))));
            double Share(int n) => reportedCells.Count == 0 ? 0 : 100.0 * n / reportedCells.Count;
            var slots = reportedCells.Count * questions.Count;
            var groupsShown = reportedCells.Sum(c => questions.Count(q => release.FigureReleased(c, q)));
            var scoresShown = reportedCells.Sum(c => questions.Count(q => release.FigureReleased(c, Belonging.Core.Privacy.CampaignRelease.QuestionScoreFigure(q))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  question figures in reported cells: groups shown={100.0 * groupsShown / Math.Max(1, slots):F1}%, scores shown={100.0 * scoresShown / Math.Max(1, slots):F1}%, % favourable shown={Share(reportedCells.Count(c => questions.All(q => release.FigureReleased(c, q)))):F1}% (needs every question's groups)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  questions: reported cells={reportedCells.Count} showing every question's groups={everyQuestion} ({Share(everyQuestion):F1}%), every question's score={everyScore} ({Share(everyScore):F1}%); steps {string.Join(", ", reportedCells.GroupBy(release.PrecisionOf).OrderBy(g => g.Key).Select(g => $"{g.Key:0}:{g.Count()}"))}"));

            if (previous is not null)
            {
                // Trends: units reported in both releases whose index is shown in both (so the change is shown).
                var both = release.Cells.Where(c => c.First is null && release.IsReported(c) && previous.IsReported(c)).ToList();
                var shown = both.Count(c => release.FigureReleased(c, Belonging.Core.Surveys.GroupScoring.IndexFigure) && previous.FigureReleased(c, Belonging.Core.Surveys.GroupScoring.IndexFigure));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  trends: units reported in both={both.Count} index change shown={shown} ({(both.Count == 0 ? 0 : 100.0 * shown / both.Count):F1}%)"));
            }

            previous = release;
        }

        return 0;
    }
}
