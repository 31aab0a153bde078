namespace Belonging.Core.Privacy;

/// <content>The anonymity audit as one viewer may read it.</content>
public sealed partial class CampaignRelease
{
    /// <summary>
    /// How many of the cells <paramref name="within"/> selects are reported, withheld with fewer than k people, and
    /// withheld to protect others (complementary or cross-release). For previews computed on invited counts before
    /// launch (nobody has answered, so the split says nothing about anyone); never for a published release's viewers.
    /// </summary>
    /// <param name="within">The cells to count.</param>
    /// <returns>The counts.</returns>
    public (int Cells, int Reported, int TooFew, int ToProtectOthers) CountWithin(Func<CellKey, bool> within)
    {
        ArgumentNullException.ThrowIfNull(within);
        var cells = Enumerable.Range(0, system.CellCount).Where(i => within(system.Keys[i])).ToList();
        return (cells.Count, cells.Count(i => status[i] == CellStatus.Reported), cells.Count(i => status[i] == CellStatus.Primary),
            cells.Count(i => status[i] is CellStatus.Complementary or CellStatus.CrossRelease));
    }

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
