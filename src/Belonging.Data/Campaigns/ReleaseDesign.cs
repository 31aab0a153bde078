using System.Text.Json;
using Belonging.Core.Privacy;

namespace Belonging.Data.Campaigns;

/// <summary>A designated breakdown: an attribute, how deep in the org tree it is reported, and (once open) its value domain.</summary>
public sealed record DesignatedBreakdown(string Name, int MaxDepth, IReadOnlyList<string>? Values = null);

/// <summary>A designated intersection of two attributes, reported for units at depth ≤ MaxDepth.</summary>
public sealed record DesignatedPair(string First, string Second, int MaxDepth);

/// <summary>
/// The closed cell set of a campaign, fixed before launch (stored as JSON on the campaign). Value domains are filled in
/// at open from the frozen audience, so the domain (which cells exist) never depends on who answered.
/// </summary>
public sealed record ReleaseDesign(IReadOnlyList<DesignatedBreakdown> Attributes, IReadOnlyList<DesignatedPair> Pairs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How deep breakdowns go by default: the organisation (0) and its divisions (1). Deeper designs cost release time.</summary>
    public const int DefaultDepth = 1;

    public static ReleaseDesign Empty { get; } = new([], []);

    public static ReleaseDesign Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? Empty : JsonSerializer.Deserialize<ReleaseDesign>(json, Json) ?? Empty;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Fills each attribute's value domain with the distinct values in the audience (ordinal order).</summary>
    public ReleaseDesign Freeze(IEnumerable<IReadOnlyDictionary<string, string>> audience)
    {
        var people = audience.ToList();
        return this with
        {
            Attributes = Attributes.Select(a => a with
            {
                Values = people.Select(p => p.TryGetValue(a.Name, out var v) ? v : null).OfType<string>()
                    .Where(v => v != AttributeDesignation.NotDisclosed).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            }).Where(a => a.Values!.Count > 0).ToList(),
        };
    }

    /// <summary>The Core release policy for these thresholds.</summary>
    public ReleasePolicy ToPolicy(int k, int commentK) =>
        new(k, Math.Max(k, commentK),
            Attributes.Where(a => a.Values is { Count: > 0 }).Select(a => new AttributeDesignation(a.Name, a.Values!, a.MaxDepth)).ToList(),
            Pairs.Where(p => Attributes.Any(a => a.Name == p.First && a.Values is { Count: > 0 }) && Attributes.Any(a => a.Name == p.Second && a.Values is { Count: > 0 }))
                .Select(p => new PairDesignation(p.First, p.Second, p.MaxDepth)).ToList());
}
