using System.Diagnostics;
using System.Globalization;
using Belonging.Core.Privacy;
using Belonging.Data.Demo;

namespace Belonging.Bench;

/// <summary>
/// <c>release-cost --people 3000 --seed 1 [--response-rate 0.75] [--depth 1]</c>: the release of the generated demo
/// organisation (every demo attribute broken down to the given depth, 1 = divisions as the demo designs it; k = 5) computed in memory, then a second
/// campaign with a fresh draw of respondents checked against it. Prints each audit's counts, so the cost of a privacy
/// rule can be compared before and after a change on the same organisation (docs/methods/exact-attacker.md).
/// </summary>
internal static class ReleaseCostBench
{
    public static int Run(int people, int seed, double responseRate, int depth)
    {
        var org = DemoOrganisation.Generate(seed, people, new DateOnly(2026, 11, 1));
        var ids = org.Units.ToDictionary(u => u.Id, u => u.ExternalId);
        var units = org.Units.Select(u => new OrgUnitNode(u.ExternalId, u.ParentId is { } p ? ids[p] : null)).ToList();
        var attributes = org.People.Select(p => (IReadOnlyDictionary<string, string>)p.Attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal)).ToList();
        var designations = DemoOrganisation.Attributes
            .Select(a => new AttributeDesignation(a, attributes.Select(p => p.GetValueOrDefault(a)).OfType<string>().Where(v => v != AttributeDesignation.NotDisclosed).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), depth))
            .Where(a => a.Values.Count > 0)
            .ToList();
        var policy = new ReleasePolicy(5, 10, designations, []);
        var random = new Random(seed);

        CampaignReleaseRequest Draw() => new(units, [.. org.People.Select((p, i) => (p, i)).Where(_ => random.NextDouble() < responseRate).Select(x => new RespondentRow(ids[x.p.OrgUnitId], attributes[x.i]))]);

        var first = Measure("first", () => CampaignRelease.Compute(Draw(), policy).Value);
        Measure("following", () => CampaignRelease.ComputeFollowing(Draw(), policy, first).Value);
        return 0;
    }

    private static CampaignRelease Measure(string name, Func<CampaignRelease> compute)
    {
        var clock = Stopwatch.StartNew();
        var release = compute();
        var a = release.Audit;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: cells={a.Cells} reported={a.Reported} primary={a.PrimarySuppressed} complementary={a.ComplementarySuppressed} cross_release={a.CrossReleaseSuppressed} rounds={a.AttackerRounds} passed={a.Passed} seconds={clock.Elapsed.TotalSeconds:F1}"));
        return release;
    }
}
