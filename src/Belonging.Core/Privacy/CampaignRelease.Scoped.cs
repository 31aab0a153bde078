namespace Belonging.Core.Privacy;

/// <content>The anonymity audit as one viewer may read it.</content>
public sealed partial class CampaignRelease
{
    /// <summary>
    /// The audit restricted to the cells a viewer may see (e.g. a leader's subtree): cells and reported cells are
    /// recounted over those cells and only their withheld bounds are listed, so a viewer never receives bounds of hidden
    /// cells outside their scope. Why each is hidden is not split (<see cref="AnonymityAudit.ReasonsCombined"/>): over a
    /// few cells, the number that are small would narrow them. The rule, thresholds, rounds and verdict are the
    /// release's own.
    /// </summary>
    /// <param name="inScope">True for the cells the viewer may see.</param>
    /// <returns>The scoped audit.</returns>
    public AnonymityAudit AuditWithin(Func<CellKey, bool> inScope)
    {
        ArgumentNullException.ThrowIfNull(inScope);
        var cells = Enumerable.Range(0, system.CellCount).Where(i => inScope(system.Keys[i])).ToList();
        return Audit with
        {
            Cells = cells.Count,
            Reported = cells.Count(i => status[i] == CellStatus.Reported),
            PrimarySuppressed = 0,
            ComplementarySuppressed = 0,
            CrossReleaseSuppressed = 0,
            ReasonsCombined = true,
            Withheld = [.. Audit.Withheld.Where(b => inScope(b.Cell))],
        };
    }
}
