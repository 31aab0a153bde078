namespace Belonging.Core.Privacy;

/// <summary>
/// The proof that a release is safe, in a form an auditor can re-check: the rule, the thresholds, how many cells were
/// reported or withheld, and for every withheld count the exact attacker's integer bounds. JSON-serialisable with
/// System.Text.Json (sealed records, no cycles).
/// </summary>
/// <param name="Rule">The proof obligation in words (see docs/methods/exact-attacker.md).</param>
/// <param name="K">Minimum respondents per reported cell.</param>
/// <param name="CommentK">Minimum distinct comment authors per released comment group.</param>
/// <param name="Cells">Size of the closed cell set.</param>
/// <param name="Reported">Cells reported (n ≥ k and not withheld for another cell).</param>
/// <param name="PrimarySuppressed">Cells with fewer than k respondents (including empty cells), and breakdown cells whose group (a unit, or a single-attribute group split by a second attribute) has fewer than k other members (attribute disclosure).</param>
/// <param name="ComplementarySuppressed">Cells with at least k respondents withheld to protect small cells of this release.</param>
/// <param name="CrossReleaseSuppressed">Cells with at least k respondents withheld so that the previous campaign's release cannot be differenced against this one; protected like small cells.</param>
/// <param name="AttackerRounds">Suppression rounds until the exact attacker found nothing (1 = greedy pass was enough).</param>
/// <param name="Passed">True when every sensitive withheld count — holding 1..k−1 people, withheld by the cross-release rule, or the members of a group of at least k without one value when they are 0..k−1 — has attacker bounds at least k apart (unbounded counts as wide; a bound the attacker could not prove within its budget counts as narrow).</param>
/// <param name="Withheld">Attacker bounds of every withheld count, in canonical cell order; never says which ones are small.</param>
public sealed record AnonymityAudit(
    string Rule,
    int K,
    int CommentK,
    int Cells,
    int Reported,
    int PrimarySuppressed,
    int ComplementarySuppressed,
    int CrossReleaseSuppressed,
    int AttackerRounds,
    bool Passed,
    IReadOnlyList<WithheldCellBounds> Withheld)
{
    /// <summary>The proof obligation checked for every release.</summary>
    public const string ProtectionRule =
        "For every withheld count with 1 to k-1 people, and every cell withheld because it changed by 1 to k-1 since an earlier release, max - min >= k over all non-negative integer tables consistent with the released counts and the public structure. For every group of at least k people split by an attribute, the members without a value (when 0 to k-1) cannot be narrowed below k possibilities either, so no count reveals that a whole unit shares a value. Members of a group of 1 to k-1 people that a breakdown would split are counted under the most common value of that attribute around them, so no empty cell can reveal their attribute.";

    /// <summary>
    /// True for an audit restricted to one viewer's area (<see cref="CampaignRelease.AuditWithin"/>): the reasons are
    /// not split there (<see cref="PrimarySuppressed"/>, <see cref="ComplementarySuppressed"/> and
    /// <see cref="CrossReleaseSuppressed"/> are 0 and <see cref="Hidden"/> holds them all), because in a small area
    /// "one of these two hidden teams has fewer than k people" would itself narrow a hidden group.
    /// </summary>
    public bool ReasonsCombined { get; init; }

    /// <summary>Withheld cells, whatever the reason.</summary>
    public int Hidden => Cells - Reported;

    /// <summary>Share of the cell set lost to complementary and cross-release suppression (0 when the cell set is empty).</summary>
    public double ComplementaryShare => Cells == 0 ? 0 : (double)(ComplementarySuppressed + CrossReleaseSuppressed) / Cells;
}

/// <summary>What the exact attacker can prove about one withheld count.</summary>
/// <param name="Cell">The cell (or, when <paramref name="DirectMembersOnly"/>, the part of that cell made of people attached directly to the unit rather than to a child unit).</param>
/// <param name="DirectMembersOnly">True for the hidden remainder "unit minus its children", which is never released but is protected like a cell.</param>
/// <param name="Min">Smallest count consistent with everything released.</param>
/// <param name="Max">Largest count consistent with everything released, or null when unbounded.</param>
public sealed record WithheldCellBounds(CellKey Cell, bool DirectMembersOnly, int Min, int? Max);
