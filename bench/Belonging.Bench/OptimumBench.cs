using System.Globalization;
using Belonging.Bench.Optimum;
using Belonging.Core.Privacy;
using Belonging.Data;
using Belonging.Data.Campaigns;
using Belonging.Data.Results;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Bench;

/// <summary>
/// <c>optimum [--db belonging.db] [--people 10000] [--seed 1] [--time-limit 300] [--master scip|cp-sat] [--workers 2]</c>: compares the
/// release's complement choice (<c>ComplementarySuppression</c>) with the optimum of the same problem solved as an
/// integer program (<see cref="OptimalComplement"/>), per release, for two objectives: cells withheld to protect others
/// and respondents in them. <c>--db</c> names a freshly seeded demo database (<c>belonging seed</c>; it is only read,
/// and its answer sets must still be there, i.e. no results page or <c>demo-audit</c> has loaded it yet): its closed
/// campaigns are released oldest first as the results loader does. <c>--people</c> runs the <c>release-scale</c>
/// organisation's three releases (the same draws). Cross-release cells are fixed (the optimum is the complement given
/// them) and printed separately. Figures in docs/methods/secondary-suppression.md, "Against the optimum".
/// </summary>
internal static class OptimumBench
{
    public static async Task<int> RunAsync(string? file, int? people, int seed, double timeLimit, int workers, bool scip)
    {
        if (file is null && people is null)
        {
            Console.WriteLine("usage: Belonging.Bench optimum [--db belonging.db] [--people N] [--seed 1] [--time-limit 300] [--master scip|cp-sat] [--workers 2]");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time limit per release and objective: {timeLimit:F0} s, master: {(scip ? "SCIP" : $"CP-SAT, {workers} workers")}"));
        if (file is not null)
        {
            var releases = await DemoReleasesAsync(file);
            if (releases is null)
            {
                return 1;
            }

            foreach (var (name, release) in releases)
            {
                Compare("demo " + name, release, timeLimit, workers, scip);
            }
        }

        if (people is { } n)
        {
            foreach (var step in ReleaseScaleBench.Chain(n, seed, Console.Out, (computed, _) => (computed, 0)))
            {
                Compare(string.Create(CultureInfo.InvariantCulture, $"bench {n} release {step.Number}"), step.HeadCounts, timeLimit, workers, scip);
            }
        }

        return 0;
    }

    /// <summary>
    /// The demo's closed campaigns, oldest first, each released from its frozen snapshot exactly as the results loader
    /// first computes it (<c>Compute</c>, then <c>ComputeFollowing</c> against the previous campaign's release).
    /// </summary>
    private static async Task<List<(string Name, CampaignRelease Release)>?> DemoReleasesAsync(string file)
    {
        await using var db = Database.Create(DatabaseProvider.Sqlite, $"Data Source={file};Mode=ReadOnly");
        var closed = (await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Closed).ToListAsync())
            .OrderBy(c => c.ClosedAt).ToList();
        var releases = new List<(string, CampaignRelease)>();
        CampaignRelease? previous = null;
        foreach (var campaign in closed)
        {
            var id = campaign.Id;
            var units = await db.CampaignUnits.AsNoTracking().Where(u => u.CampaignId == id).ToListAsync();
            var sets = (await db.ResponseSets.AsNoTracking().Where(r => r.CampaignId == id).ToListAsync()).OrderBy(r => r.Id).ToList();
            if (sets.Count == 0)
            {
                Console.WriteLine($"{campaign.Name}: no answer sets (already reduced to statistics); seed a fresh database for this bench.");
                return null;
            }

            var policy = ReleaseDesign.Parse(campaign.ReportingDesign).ToPolicy(campaign.K, campaign.KComments);
            var request = new CampaignData(campaign, units, [], sets, []).Snapshot(policy.Attributes.Select(a => a.Attribute).ToHashSet(StringComparer.Ordinal));
            var release = previous is null ? CampaignRelease.Compute(request, policy).Value : CampaignRelease.ComputeFollowing(request, policy, previous).Value;
            releases.Add((campaign.Name, release));
            previous = release;
        }

        return releases;
    }

    private static void Compare(string name, CampaignRelease release, double timeLimit, int workers, bool scip)
    {
        var problem = SuppressionProblem.FromRelease(release);
        var a = release.Audit;
        var heuristicProtected = problem.Violations(new AttackEngine(problem.System), problem.Heuristic).Count == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: cells={a.Cells} eligible={problem.EligibleCells} primary={a.PrimarySuppressed} cross_release={problem.CrossReleaseCells} free={problem.Free.Length} sensitive={problem.Sensitive.Length} complements={problem.Complements.Count} heuristic_passed={a.Passed} heuristic_protected_by_the_same_check={heuristicProtected}"));
        var crossCheck = release.OptimumCrossReleaseCheck();
        var share = (double)(problem.HeuristicCells + problem.CrossReleaseCells) / problem.EligibleCells;
        foreach (var objective in new[] { OptimumObjective.Cells, OptimumObjective.Respondents })
        {
            var result = OptimalComplement.Solve(problem, objective, timeLimit, workers, Console.Out, scip);
            var heuristic = objective == OptimumObjective.Cells ? problem.HeuristicCells : problem.HeuristicRespondents;
            Console.WriteLine($"  {objective.ToString().ToLowerInvariant()}: {Line(problem, share, heuristic, result, RowRule(problem, crossCheck, result))}");

            // The IP fixes the heuristic's cross-release cells but not the row rule's reaction to its own choice: add the
            // cells the rule would withhold as cross-release (sensitive) and solve again, until it adds none. The result
            // passes every rule the release applies, so it is an achievable pattern (an upper bound on the optimum with
            // the row rule), not a proven optimum of that larger problem.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  attacker bounds not proven within the budget, over every check so far: {problem.UnprovenBounds}"));
            var closed = problem;
            for (var round = 0; crossCheck is not null && round < 10 && RowRule(closed, crossCheck, result) is { Count: > 0 } more; round++)
            {
                closed = closed.WithCrossRelease(more);
                result = OptimalComplement.Solve(closed, objective, timeLimit, workers, null, scip);
                Console.WriteLine($"  {objective.ToString().ToLowerInvariant()} with the row rule closed (round {round + 1}, +{more.Count} cross-release): {Line(closed, share, heuristic, result, RowRule(closed, crossCheck, result))}");
            }
        }
    }

    private static List<int> RowRule(SuppressionProblem problem, Func<bool[], IReadOnlyList<int>>? crossCheck, OptimumResult result)
    {
        var unknown = problem.Mask(result.Withheld.Select(c => problem.System.Index[c]));
        return crossCheck is null ? [] : [.. crossCheck(unknown).Where(v => !unknown[v])];
    }

    private static string Line(SuppressionProblem problem, double heuristicShare, long heuristic, OptimumResult result, List<int> rowRule)
    {
        var ratio = result.LowerBound == 0 ? (heuristic == 0 ? 1.0 : double.PositiveInfinity) : (double)heuristic / result.LowerBound;
        var optimumCells = result.Withheld.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"heuristic={heuristic} optimum={(result.Proven ? result.Value.ToString(CultureInfo.InvariantCulture) : $">={result.LowerBound} (best known {result.Value})")} proven={result.Proven} ratio={(result.Proven ? "" : "<=")}{ratio:F2} seconds={result.Seconds:F1} iterations={result.Iterations} cuts={result.Cuts} stop={result.Stop} " +
            $"optimum_pattern_cells={optimumCells} cross_release={problem.CrossReleaseCells} withheld_to_protect_others: heuristic={100 * heuristicShare:F1}% optimum_pattern={100.0 * (optimumCells + problem.CrossReleaseCells) / problem.EligibleCells:F1}% complement_only={100.0 * optimumCells / problem.EligibleCells:F1}% row_rule_would_add={rowRule.Count} optimum_kinds={Kinds(problem, result.Withheld)} heuristic_kinds={Kinds(problem, problem.FreeCells.Where(c => problem.Heuristic[problem.System.Index[c]]))}");
    }

    /// <summary>Breakdown cells and unit totals among <paramref name="cells"/>, the totals per depth (d0 = organisation) with their mean respondents.</summary>
    private static string Kinds(SuppressionProblem problem, IEnumerable<CellKey> cells)
    {
        var list = cells.ToList();
        var units = list.Where(c => c.First is null).GroupBy(c => problem.System.UnitDepth[c.Unit]).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"d{g.Key}:{g.Count()}(mean n {g.Average(c => problem.Count(c)):F0})"));
        return string.Create(CultureInfo.InvariantCulture, $"breakdowns:{list.Count(c => c.First is not null)},units:{string.Join('/', units)}");
    }
}
