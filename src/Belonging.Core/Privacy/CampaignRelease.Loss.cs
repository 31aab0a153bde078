namespace Belonging.Core.Privacy;

/// <summary>Information loss of one cell kind: of the cells holding at least k respondents, how many were withheld to protect others.</summary>
/// <param name="Kind">"unit" (a unit's total), "breakdown" (one attribute value) or "intersection" (two values).</param>
/// <param name="Eligible">Cells with at least k respondents that no attribute-disclosure rule withholds (they could be shown).</param>
/// <param name="Reported">Of those, reported.</param>
/// <param name="Complementary">Of those, withheld so that a smaller group cannot be worked out.</param>
/// <param name="CrossRelease">Of those, withheld because they changed by fewer than k people since an earlier release.</param>
internal sealed record CellLoss(string Kind, int Eligible, int Reported, int Complementary, int CrossRelease)
{
    /// <summary>Withheld to protect others, as a share of <see cref="Eligible"/> (0..1).</summary>
    public double Share => Eligible == 0 ? 0 : (double)(Complementary + CrossRelease) / Eligible;
}

/// <content>Information loss, measured (for the benchmark command and tests; never shown to viewers).</content>
public sealed partial class CampaignRelease
{
    private static readonly string[] CellKinds = ["unit", "breakdown", "intersection"];

    /// <summary>Loss per cell kind and in total (kind "all"), in the order unit, breakdown, intersection, all.</summary>
    /// <returns>The loss table.</returns>
    internal IReadOnlyList<CellLoss> Loss()
    {
        // Cells with at least k respondents that no attribute-disclosure rule withholds are exactly those not withheld
        // as primary, so the statuses alone say it (a release read back without rows has no hidden counts).
        string Kind(CellKey key) => key.First is null ? "unit" : key.Second is null ? "breakdown" : "intersection";
        var rows = Enumerable.Range(0, system.CellCount)
            .Where(i => status[i] != CellStatus.Primary)
            .Select(i => (Kind: Kind(system.Keys[i]), Status: status[i]))
            .ToList();
        CellLoss Of(string kind, IEnumerable<(string Kind, CellStatus Status)> cells)
        {
            var list = cells.ToList();
            return new CellLoss(kind, list.Count, list.Count(c => c.Status == CellStatus.Reported),
                list.Count(c => c.Status == CellStatus.Complementary), list.Count(c => c.Status == CellStatus.CrossRelease));
        }

        return [.. CellKinds.Select(k => Of(k, rows.Where(r => r.Kind == k))), Of("all", rows)];
    }
}
