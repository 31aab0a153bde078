namespace Belonging.Core.Privacy;

/// <content>The anonymity audit as one viewer may read it.</content>
public sealed partial class CampaignRelease
{
    /// <summary>
    /// The audit restricted to the cells a viewer may see (e.g. a leader's subtree): the counts are recounted over those
    /// cells and only their withheld bounds are listed, so a viewer never receives bounds of hidden cells outside their
    /// scope. The rule, thresholds, rounds and verdict are the release's own.
    /// </summary>
    /// <param name="inScope">True for the cells the viewer may see.</param>
    /// <returns>The scoped audit.</returns>
    public AnonymityAudit AuditWithin(Func<CellKey, bool> inScope)
    {
        ArgumentNullException.ThrowIfNull(inScope);
        var cells = Enumerable.Range(0, system.CellCount).Where(i => inScope(system.Keys[i])).ToList();
        int Count(CellStatus s) => cells.Count(i => status[i] == s);
        return Audit with
        {
            Cells = cells.Count,
            Reported = Count(CellStatus.Reported),
            PrimarySuppressed = Count(CellStatus.Primary),
            ComplementarySuppressed = Count(CellStatus.Complementary),
            CrossReleaseSuppressed = Count(CellStatus.CrossRelease),
            Withheld = [.. Audit.Withheld.Where(b => inScope(b.Cell))],
        };
    }
}
