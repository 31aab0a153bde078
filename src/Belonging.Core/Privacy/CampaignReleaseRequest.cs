namespace Belonging.Core.Privacy;

/// <summary>An org unit of the frozen snapshot taken at campaign close.</summary>
/// <param name="Id">Stable unit id (ordinal).</param>
/// <param name="ParentId">Parent id, or null for the single root.</param>
public sealed record OrgUnitNode(string Id, string? ParentId);

/// <summary>One respondent of the campaign (one row per person who answered, however many items they answered).</summary>
/// <param name="UnitId">The unit the person belongs to in the snapshot (a leaf, or an inner unit for staff attached directly to it).</param>
/// <param name="Attributes">Attribute values by attribute name; a missing entry means <see cref="AttributeDesignation.NotDisclosed"/>.</param>
public sealed record RespondentRow(string UnitId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>The frozen snapshot a release is computed on: the unit tree at close and everyone who answered.</summary>
/// <param name="Units">All units; exactly one has no parent. Order does not matter.</param>
/// <param name="Respondents">All respondents. Order does not matter.</param>
public sealed record CampaignReleaseRequest(IReadOnlyList<OrgUnitNode> Units, IReadOnlyList<RespondentRow> Respondents);
