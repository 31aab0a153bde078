using System.Text.Json;
using Belonging.Core.Surveys;
using Belonging.Data.Campaigns;

namespace Belonging.Data.Results;

public sealed record UnitNode(Guid Id, Guid? ParentId, string Name, int Depth);

public sealed record ItemInfo(int Position, string Code, string Text, ItemScale Scale, BlueprintComponent? Component, OutcomeKind Outcome);

/// <summary>
/// Everything needed to report one closed campaign, loaded once: the frozen org tree, the items and the statistics of
/// the release's reported cells. The answer sets (in stored order, a random shuffle) are held only while the release
/// and those statistics are first computed; they are then deleted (ADR 9). Raw: only <see cref="CampaignResults"/>
/// turns it into disclosures.
/// </summary>
public sealed class CampaignData
{
    private Dictionary<Guid, int[]> membersByUnit;
    private Guid[] leafUnits;

    public CampaignData(Campaign campaign, IReadOnlyList<CampaignUnit> units, IReadOnlyList<ItemInfo> items, IReadOnlyList<ResponseSet> sets, IReadOnlyList<ScoredItem> scoredItems)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(sets);
        CampaignId = campaign.Id;
        Name = campaign.Name;
        K = campaign.K;
        KComments = campaign.KComments;
        ClosedAt = campaign.ClosedAt;
        Published = campaign.ResultsPublished;
        Items = items;
        ScoredItems = scoredItems;
        AnswerSets = sets.Select(s => s.Values).ToArray();
        leafUnits = sets.Select(s => s.LeafUnitId).ToArray();
        Demographics = sets.Select(s => JsonSerializer.Deserialize<Dictionary<string, string>>(s.Demographics) ?? []).ToArray();

        var byId = units.ToDictionary(u => u.UnitId);
        var children = units.Where(u => u.ParentUnitId is { } p && byId.ContainsKey(p)).ToLookup(u => u.ParentUnitId!.Value);
        var ordered = new List<UnitNode>(units.Count);
        foreach (var root in units.Where(u => u.ParentUnitId is null || !byId.ContainsKey(u.ParentUnitId.Value)).OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            var stack = new Stack<(CampaignUnit Unit, int Depth)>([(root, 0)]);
            while (stack.TryPop(out var x))
            {
                ordered.Add(new UnitNode(x.Unit.UnitId, x.Unit.ParentUnitId, x.Unit.Name, x.Depth));
                foreach (var c in children[x.Unit.UnitId].OrderByDescending(u => u.Name, StringComparer.Ordinal))
                {
                    stack.Push((c, x.Depth + 1));
                }
            }
        }

        Units = ordered;
        UnitById = ordered.ToDictionary(u => u.Id);
        Children = ordered.Where(u => u.ParentId is { } p && UnitById.ContainsKey(p)).ToLookup(u => u.ParentId!.Value);
        var lists = ordered.ToDictionary(u => u.Id, _ => new List<int>());
        for (var i = 0; i < sets.Count; i++)
        {
            for (Guid? u = sets[i].LeafUnitId; u is { } id && lists.TryGetValue(id, out var list); u = UnitById[id].ParentId)
            {
                list.Add(i);
            }
        }

        membersByUnit = lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        AttributeNames = Demographics.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    public Guid CampaignId { get; }

    /// <summary>The campaign's one static release: every cell this campaign's reports may show, and which are withheld.</summary>
    public Belonging.Core.Privacy.CampaignRelease? Release { get; internal set; }

    /// <summary>
    /// The first published version of the release: every later version only hides more, with the same counts, so it
    /// holds everything ever published for this campaign and is what later campaigns' cross-release rule compares with.
    /// </summary>
    public Belonging.Core.Privacy.CampaignRelease? FirstRelease { get; internal set; }

    /// <summary>
    /// The figures inside a group's scores with, for each answer set, whether it counts towards the figure's n
    /// (<see cref="Belonging.Core.Surveys.GroupScoring.Figures"/>), named by item code rather than position so that the
    /// same question has the same id in every campaign.
    /// </summary>
    public IReadOnlyDictionary<string, bool[]> StableFigures() =>
        Belonging.Core.Surveys.GroupScoring.Figures(ScoredItems, AnswerSets).ToDictionary(f => StableFigureId(f.Key), f => f.Value, StringComparer.Ordinal);

    /// <summary>A figure id of <see cref="Belonging.Core.Surveys.GroupScoring"/> ("item:3") in campaign-independent form ("item:LV1").</summary>
    public string StableFigureId(string figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        foreach (var prefix in (ReadOnlySpan<string>)["item:", Belonging.Core.Privacy.CampaignRelease.QuestionScorePrefix])
        {
            if (figure.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(figure.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position)
                && Items.FirstOrDefault(i => i.Position == position) is { } item)
            {
                return prefix + item.Code;
            }
        }

        return figure;
    }

    /// <summary>Ids of the answer sets, in <see cref="AnswerSets"/> order.</summary>
    internal IReadOnlyList<Guid> AnswerSetIds { get; set; } = [];

    /// <summary>The designated breakdown attributes (the only ones reports may group by).</summary>
    public IReadOnlyList<string> DesignatedAttributes => Release?.Policy.Attributes.Select(a => a.Attribute).ToList() ?? [];

    /// <summary>
    /// The respondent rows of the release snapshot (leaf unit and designated attributes), in answer-set order, with the
    /// roster at open where it is kept (campaigns opened before rosters were kept have none: null).
    /// </summary>
    public Belonging.Core.Privacy.CampaignReleaseRequest Snapshot(IReadOnlyCollection<string> attributes) =>
        new(Units.Select(u => new Belonging.Core.Privacy.OrgUnitNode(u.Id.ToString(), u.ParentId?.ToString())).ToList(),
            leafUnits.Select((leaf, i) => new Belonging.Core.Privacy.RespondentRow(
                leaf.ToString(),
                Demographics[i].Where(kv => attributes.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal))).ToList(),
            Roster(attributes));

    /// <summary>The roster at open with designated attributes only, or null when this campaign kept none.</summary>
    public IReadOnlyList<Belonging.Core.Privacy.RosterRow>? Roster(IReadOnlyCollection<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return Invitees.Count == 0 ? null : Invitees.Select(r => new Belonging.Core.Privacy.RosterRow(
            r.Person.ToString("N"),
            r.Leaf.ToString(),
            r.Attributes.Where(kv => attributes.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal))).ToList();
    }

    /// <summary>Everyone invited, as frozen at open (<see cref="Campaigns.RosterEntry"/>); empty when not kept.</summary>
    internal IReadOnlyList<(Guid Person, Guid Leaf, IReadOnlyDictionary<string, string> Attributes)> Invitees { get; set; } = [];

    public string Name { get; }

    public int K { get; }

    public int KComments { get; }

    public DateTime? ClosedAt { get; }

    /// <summary>Read fresh from the campaign row on every load (the heavy data is cached; publication can change).</summary>
    public bool Published { get; internal set; }

    public IReadOnlyList<ItemInfo> Items { get; }

    public IReadOnlyList<ScoredItem> ScoredItems { get; }

    /// <summary>The answer sets while the release and its statistics are computed; empty once they are stored (ADR 9).</summary>
    internal IReadOnlyList<byte[]> AnswerSets { get; private set; }

    /// <summary>
    /// What the reports read per reported cell of the first published version (<see cref="CellStatistics"/>); every
    /// score, driver analysis and reliability table is computed from these, never from answer sets.
    /// </summary>
    internal IReadOnlyDictionary<Belonging.Core.Privacy.CellKey, CellStatistics> Statistics { get; private set; } =
        new Dictionary<Belonging.Core.Privacy.CellKey, CellStatistics>();

    /// <summary>Serves from <paramref name="statistics"/> and forgets the answer sets (they are deleted from the database too).</summary>
    internal void UseStatistics(IReadOnlyDictionary<Belonging.Core.Privacy.CellKey, CellStatistics> statistics)
    {
        Statistics = statistics;
        AnswerSets = [];
        Demographics = [];
        leafUnits = [];
        membersByUnit = [];
        AnswerSetIds = [];
    }

    /// <summary>
    /// Each respondent's attributes. Once the release is computed, these are the designated attributes exactly as the
    /// release counts them (<see cref="Belonging.Core.Privacy.CampaignRelease.Respondents"/>: members of a group smaller
    /// than k that a breakdown would split carry a recoded value), so every breakdown's scores cover the people its cell
    /// counts. Only designated attributes are ever broken down.
    /// </summary>
    internal IReadOnlyList<IReadOnlyDictionary<string, string>> Demographics { get; private set; }

    internal void UseReleasedAttributes(Belonging.Core.Privacy.CampaignRelease release) =>
        Demographics = release.Respondents.Select(r => r.Attributes).ToArray();

    public IReadOnlyList<UnitNode> Units { get; }

    public IReadOnlyDictionary<Guid, UnitNode> UnitById { get; }

    public ILookup<Guid, UnitNode> Children { get; }

    public IReadOnlyList<string> AttributeNames { get; }

    public UnitNode Root => Units[0];

    /// <summary>People invited per leaf unit (from the invitations, or from the per-unit counts they are reduced to).</summary>
    public IReadOnlyDictionary<Guid, int> InvitedByLeaf { get; internal set; } = new Dictionary<Guid, int>();

    /// <summary>People invited in the unit's subtree.</summary>
    public int Invited(Guid unitId) => Subtree(unitId).Sum(u => InvitedByLeaf.TryGetValue(u.Id, out var n) ? n : 0);

    /// <summary>Answer-set indices in the unit's subtree (empty for an unknown unit, and once the answer sets are dropped).</summary>
    internal IReadOnlyList<int> Members(Guid unitId) => membersByUnit.TryGetValue(unitId, out var m) ? m : [];

    /// <summary>Answer-set indices of a release cell: the unit's subtree, narrowed by the cell's conditions on the released attributes.</summary>
    internal IReadOnlyList<int> Members(Belonging.Core.Privacy.CellKey cell)
    {
        var members = Guid.TryParse(cell.Unit, System.Globalization.CultureInfo.InvariantCulture, out var unit) ? Members(unit) : [];
        bool Holds(int i, Belonging.Core.Privacy.AttributeCondition? condition) =>
            condition is not { } c
            || (Demographics[i].TryGetValue(c.Attribute, out var v) ? v : Belonging.Core.Privacy.AttributeDesignation.NotDisclosed) == c.Value;
        return cell.Depth == 0 ? members : [.. members.Where(i => Holds(i, cell.First) && Holds(i, cell.Second))];
    }

    /// <summary>True when <paramref name="unitId"/> is <paramref name="scope"/> or below it in the frozen tree.</summary>
    public bool IsWithin(Guid unitId, Guid scope)
    {
        for (Guid? u = unitId; u is { } id && UnitById.TryGetValue(id, out var node); u = node.ParentId)
        {
            if (id == scope)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Units from <paramref name="scope"/> down, in tree order.</summary>
    public IEnumerable<UnitNode> Subtree(Guid scope)
    {
        var stack = new Stack<UnitNode>();
        if (UnitById.TryGetValue(scope, out var start))
        {
            stack.Push(start);
        }

        while (stack.TryPop(out var u))
        {
            yield return u;
            foreach (var c in Children[u.Id].Reverse())
            {
                stack.Push(c);
            }
        }
    }
}
