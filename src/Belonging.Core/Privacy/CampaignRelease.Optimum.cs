namespace Belonging.Core.Privacy;

/// <content>
/// What the bench's comparison with the optimal complement needs (bench/Belonging.Bench/OptimumBench.cs,
/// docs/methods/secondary-suppression.md, "Against the optimum"): the cell system with its true counts, the statuses,
/// and the cross-release row rule exactly as <see cref="ComplementarySuppression.Run"/> received it. Read only.
/// </content>
public sealed partial class CampaignRelease
{
    /// <summary>The cell system with true counts (a release read back reduced holds no hidden counts: use a computed one).</summary>
    internal CellSystem OptimumSystem => system;

    /// <summary>A copy of every cell's status, in canonical order.</summary>
    internal CellStatus[] OptimumStatuses => (CellStatus[])status.Clone();

    /// <summary>
    /// The cross-release row rule of this release against every earlier release it was chained to (the same closure the
    /// suppression loop called): given an unknown mask, the released cells it would withhold. Null for a first release.
    /// </summary>
    /// <returns>The check, or null.</returns>
    internal Func<bool[], IReadOnlyList<int>>? OptimumCrossReleaseCheck()
    {
        var earlier = Earlier(PreviousCampaign);
        if (earlier.Count == 0)
        {
            return null;
        }

        var sizes = SizePrecision(system);
        var windows = earlier.Select((before, e) => ValueWindowExemptions(system, Policy.K, before, valueFigure: true, sizes, Churns[e])).ToList();
        return unknown => [.. earlier.SelectMany((before, e) => CrossReleaseViolations(system, Policy.K, before, unknown, windows[e])).Distinct().Order()];
    }
}
