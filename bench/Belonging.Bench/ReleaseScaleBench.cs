using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Belonging.Core.Privacy;
using Belonging.Data.Demo;

namespace Belonging.Bench;

/// <summary>
/// <c>release-scale --people 100000 [--seed 1]</c>: a large employer — about one unit per ten people, span of control
/// 8–10, up to 8 levels, every unit with a head attached directly and teams of 3–15 — with the demo's nine breakdowns at
/// the top two levels (k = 5), three releases with realistic turnover (8 % leave and are replaced, 4 % move, 75 % answer
/// each time, drawn afresh). Prints, per release, the cell count, the audit and the time to compute it, and the time to
/// read the last one back from its stored form (serialise, deserialise, <see cref="CampaignRelease.Restore"/>), which is
/// what a page pays on a cold cache. The growth curve in docs/performance.md.
/// </summary>
internal static class ReleaseScaleBench
{
    private static readonly double[] BranchChance = [1, 1, 0.7, 0.5, 0.45, 0.4, 0.35];

    public static int Run(int people, int seed)
    {
        StoredRelease? stored = null;
        CampaignRelease? last = null;
        IReadOnlyList<OrgUnitNode> units = [];
        ReleasePolicy? policy = null;
        foreach (var step in Chain(people, seed, Console.Out, (computed, figures) =>
        {
            var figureClock = Stopwatch.StartNew();
            var decided = computed.WithFigures(figures);
            return (decided, figureClock.Elapsed.TotalSeconds);
        }))
        {
            var a = step.Release.Audit;
            var loss = step.Release.Loss()[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"release {step.Number}: respondents={step.Request.Respondents.Count} cells={a.Cells} reported={a.Reported} primary={a.PrimarySuppressed} complementary={a.ComplementarySuppressed} cross_release={a.CrossReleaseSuppressed} rounds={a.AttackerRounds} passed={a.Passed} withheld_to_protect_others={100 * loss.Share:F1}% seconds={step.Seconds:F1} figures_seconds={step.FigureSeconds:F1}"));
            stored = step.Release.ToStored();
            last = step.Release;
            units = step.Request.Units;
            policy = step.Policy;
        }

        var json = JsonSerializer.Serialize(stored);
        var read = Stopwatch.StartNew();
        var restored = CampaignRelease.Restore(new CampaignReleaseRequest(units, last!.Respondents), policy!, JsonSerializer.Deserialize<StoredRelease>(json)!, last.PreviousCampaign);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read stored release 3: ok={restored.IsSuccess} json_bytes={json.Length} milliseconds={read.Elapsed.TotalMilliseconds:F0}"));
        return 0;
    }

    /// <summary>One release of the chain: its snapshot, the release as the next one is checked against, and its timings.</summary>
    internal sealed record Step(int Number, CampaignReleaseRequest Request, ReleasePolicy Policy, CampaignRelease HeadCounts, CampaignRelease Release, double Seconds, double FigureSeconds);

    /// <summary>
    /// The organisation and its three releases, in order (the same draws as <c>release-scale</c>, so the optimum bench
    /// compares against exactly these releases). <paramref name="decide"/> turns the head-count release and the figure
    /// flags into the release the next one is chained to (with <see cref="CampaignRelease.WithFigures"/>, or the
    /// head-count release itself when figures are not needed: the head-count statuses of later releases do not depend on
    /// them), and returns the seconds it took.
    /// </summary>
    internal static IEnumerable<Step> Chain(int people, int seed, TextWriter header, Func<CampaignRelease, IReadOnlyDictionary<string, bool[]>, (CampaignRelease Release, double Seconds)> decide)
    {
        var random = new Random(seed);
        var targetUnits = Math.Max(10, people / 10);
        var units = new List<OrgUnitNode> { new("u0", null) };
        var depth = new Dictionary<string, int> { ["u0"] = 0 };
        // Grown from a random point of the frontier (not breadth first), so some branches go deep and others stay shallow.
        var frontier = new List<string> { "u0" };
        var parents = new HashSet<string>();
        while (frontier.Count > 0 && units.Count < targetUnits)
        {
            var pick = random.Next(frontier.Count);
            var unit = frontier[pick];
            frontier[pick] = frontier[^1];
            frontier.RemoveAt(frontier.Count - 1);
            var d = depth[unit];
            if (d >= BranchChance.Length || random.NextDouble() >= BranchChance[d])
            {
                continue;
            }

            parents.Add(unit);
            var span = 8 + random.Next(3);
            for (var i = 0; i < span && units.Count < targetUnits; i++)
            {
                var id = "u" + units.Count.ToString(CultureInfo.InvariantCulture);
                units.Add(new OrgUnitNode(id, unit));
                depth[id] = d + 1;
                frontier.Add(id);
            }
        }

        var leaves = units.Where(u => !parents.Contains(u.Id)).Select(u => u.Id).ToList();
        var staff = new List<(string Unit, IReadOnlyDictionary<string, string> Attributes)>();
        foreach (var u in units)
        {
            staff.Add((u.Id, Attributes(random)));   // the unit's head, attached directly
        }

        while (staff.Count < people)
        {
            var leaf = leaves[random.Next(leaves.Count)];
            for (var i = 3 + random.Next(13); i > 0 && staff.Count < people; i--)
            {
                staff.Add((leaf, Attributes(random)));
            }
        }

        var designations = DemoOrganisation.Attributes
            .Select(a => new AttributeDesignation(a, [.. staff.Select(p => p.Attributes[a]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], 1))
            .ToList();
        var policy = new ReleasePolicy(5, 10, designations, []);
        header.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"people={staff.Count} units={units.Count} levels={depth.Values.Max() + 1} leaves={leaves.Count}"));

        CampaignRelease? previous = null;
        for (var release = 1; release <= 3; release++)
        {
            if (release > 1)
            {
                for (var i = 0; i < staff.Count; i++)
                {
                    var roll = random.NextDouble();
                    if (roll < 0.08)
                    {
                        staff[i] = (leaves[random.Next(leaves.Count)], Attributes(random));   // a leaver replaced by a joiner
                    }
                    else if (roll < 0.12)
                    {
                        staff[i] = (leaves[random.Next(leaves.Count)], staff[i].Attributes);   // a mover
                    }
                }
            }

            var request = new CampaignReleaseRequest(units, [.. staff.Where(_ => random.NextDouble() < 0.75).Select(p => new RespondentRow(p.Unit, p.Attributes))]);
            var clock = Stopwatch.StartNew();
            var computed = previous is null ? CampaignRelease.Compute(request, policy).Value : CampaignRelease.ComputeFollowing(request, policy, previous).Value;
            var seconds = clock.Elapsed.TotalSeconds;
            // Figures inside reported cells: 24 questions each skipped by 3 % of respondents, six components (four
            // questions each) and the index, each decided on its own answerer counts.
            var skipped = request.Respondents.Select(_ => Enumerable.Range(0, 24).Select(_ => random.NextDouble() < 0.03).ToArray()).ToList();
            var figures = new Dictionary<string, bool[]>(StringComparer.Ordinal);
            for (var q = 0; q < 24; q++)
            {
                figures["item:Q" + q.ToString(CultureInfo.InvariantCulture)] = [.. skipped.Select(s => !s[q])];
            }

            for (var c = 0; c < 6; c++)
            {
                figures["component:" + c.ToString(CultureInfo.InvariantCulture)] = [.. skipped.Select(s => s.Skip(4 * c).Take(4).Any(x => !x))];
            }

            figures["index"] = [.. skipped.Select(s => s.Any(x => !x))];
            var (decided, figureSeconds) = decide(computed, figures);
            yield return new Step(release, request, policy, computed, decided, seconds, figureSeconds);
            previous = decided;
        }
    }

    private static Dictionary<string, string> Attributes(Random r)
    {
        string Pick(params (string Value, double Weight)[] options)
        {
            var x = r.NextDouble();
            foreach (var (value, weight) in options)
            {
                if ((x -= weight) < 0)
                {
                    return value;
                }
            }

            return options[^1].Value;
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["gender"] = Pick(("Woman", 0.47), ("Man", 0.49), ("Non-binary", 0.02), ("Prefer not to say", 0.02)),
            ["ethnicity"] = Pick(("White", 0.62), ("Asian", 0.16), ("Black", 0.09), ("Mixed", 0.06), ("Other", 0.03), ("Prefer not to say", 0.04)),
            ["disability"] = Pick(("No", 0.82), ("Yes", 0.12), ("Prefer not to say", 0.06)),
            ["lgbtq"] = Pick(("No", 0.85), ("Yes", 0.09), ("Prefer not to say", 0.06)),
            ["age_band"] = Pick(("Under 25", 0.1), ("25-34", 0.32), ("35-44", 0.28), ("45-54", 0.2), ("55+", 0.1)),
            ["tenure_band"] = Pick(("Under 1 year", 0.12), ("1-3 years", 0.3), ("3-6 years", 0.28), ("6+ years", 0.3)),
            ["location"] = Pick(("London", 0.35), ("Manchester", 0.2), ("Lisbon", 0.15), ("Remote", 0.3)),
            ["level"] = Pick(("Individual contributor", 0.72), ("Manager", 0.2), ("Senior leader", 0.08)),
            ["hired_via"] = Pick(("Referral", 0.3), ("Job board", 0.35), ("Recruiter", 0.2), ("Graduate scheme", 0.15)),
        };
    }
}
