namespace Belonging.Core.Privacy;

/// <summary>An org unit of the frozen snapshot taken at campaign close.</summary>
/// <param name="Id">Stable unit id (ordinal).</param>
/// <param name="ParentId">Parent id, or null for the single root.</param>
public sealed record OrgUnitNode(string Id, string? ParentId);

/// <summary>One respondent of the campaign (one row per person who answered, however many items they answered).</summary>
/// <param name="UnitId">The unit the person belongs to in the snapshot (a leaf, or an inner unit for staff attached directly to it).</param>
/// <param name="Attributes">Attribute values by attribute name; a missing entry means <see cref="AttributeDesignation.NotDisclosed"/>.</param>
public sealed record RespondentRow(string UnitId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One invitee of the campaign as frozen at open (answered or not): who, where and with which attributes.</summary>
/// <param name="Person">A key that names the same person in every campaign (never shown, never stored by the release).</param>
/// <param name="UnitId">The unit the person belonged to at open.</param>
/// <param name="Attributes">Attribute values by attribute name, as for <see cref="RespondentRow"/>.</param>
public sealed record RosterRow(string Person, string UnitId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>The frozen snapshot a release is computed on: the unit tree at close and everyone who answered.</summary>
/// <param name="Units">All units; exactly one has no parent. Order does not matter.</param>
/// <param name="Respondents">All respondents. Order does not matter.</param>
/// <param name="Invited">
/// Everyone invited (the roster at open), or null where the host does not keep it. With the rosters of two chained
/// campaigns the cross-release rule also sees who joined, left or moved in each cell although its count stayed the same
/// (a joiner replacing a leaver); without them it sees count changes only.
/// </param>
public sealed record CampaignReleaseRequest(IReadOnlyList<OrgUnitNode> Units, IReadOnlyList<RespondentRow> Respondents, IReadOnlyList<RosterRow>? Invited = null);
