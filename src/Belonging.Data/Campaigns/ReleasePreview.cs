using System.Globalization;
using Belonging.Core;
using Belonging.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Campaigns;

/// <summary>One level of the org tree × one breakdown in a release preview.</summary>
/// <param name="Level">Depth in the org tree (0 = the organisation).</param>
/// <param name="LevelName">The level in words, with example unit names.</param>
/// <param name="Breakdown">"Everyone", an attribute, or two attributes crossed, in words.</param>
/// <param name="Groups">Groups (cells) at this level for this breakdown.</param>
/// <param name="Visible">Groups that would be shown.</param>
/// <param name="TooFew">Groups hidden because fewer than k people would answer there.</param>
/// <param name="HiddenToProtectOthers">Groups of at least k hidden so that a smaller group cannot be worked out.</param>
public sealed record ReleasePreviewRow(int Level, string LevelName, string Breakdown, int Groups, int Visible, int TooFew, int HiddenToProtectOthers);

/// <summary>What a draft campaign's results would show if everyone invited today answered.</summary>
/// <param name="Invited">People the audience holds today.</param>
/// <param name="K">Minimum group size.</param>
/// <param name="Groups">All groups of the closed cell set.</param>
/// <param name="Visible">Groups that would be shown.</param>
/// <param name="HiddenToProtectOthers">Groups of at least k hidden to protect smaller ones.</param>
/// <param name="Rows">Per level and breakdown.</param>
/// <param name="Assumption">What the preview assumes, in plain words.</param>
public sealed record ReleasePreviewResult(int Invited, int K, int Groups, int Visible, int HiddenToProtectOthers, IReadOnlyList<ReleasePreviewRow> Rows, string Assumption);

/// <summary>
/// Previews a draft campaign's release from invited counts: the same closed cell set, thresholds and suppression as at
/// close, computed as if everyone in today's audience answered. Lets an admin design the cell set (breakdowns and their
/// depths) before launch, seeing which breakdowns will be visible at which levels and how much will be withheld.
/// </summary>
public sealed class ReleasePreview(AppDbContext db, TimeProvider clock)
{
    public const string AssumptionText =
        "As if everyone invited today answered. With fewer answers, fewer groups are shown; with later surveys, groups whose size changed by fewer than k people since the last survey may be hidden too.";

    public async Task<Result<ReleasePreviewResult>> PreviewAsync(Guid campaignId, CancellationToken ct)
    {
        if (await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct) is not { } campaign)
        {
            return new NotFound("campaign", campaignId.ToString());
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var people = await db.People.AsNoTracking().Include(p => p.Attributes)
            .Where(p => p.StartDate <= today && (p.EndDate == null || p.EndDate >= today)).ToListAsync(ct);
        var audience = CampaignLifecycle.SelectAudience(campaign, units, people);
        if (audience.Count == 0)
        {
            return new CampaignOpenError.EmptyAudience();
        }

        var attributes = audience.Select(p => (IReadOnlyDictionary<string, string>)p.Attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal)).ToList();
        var design = campaign.Status == CampaignStatus.Draft ? ReleaseDesign.Parse(campaign.ReportingDesign).Freeze(attributes) : ReleaseDesign.Parse(campaign.ReportingDesign);
        var policy = design.ToPolicy(campaign.K, campaign.KComments);
        var designated = policy.Attributes.Select(a => a.Attribute).ToHashSet(StringComparer.Ordinal);
        var request = new CampaignReleaseRequest(
            units.Select(u => new OrgUnitNode(u.Id.ToString(), u.ParentId?.ToString())).ToList(),
            audience.Select((p, i) => new RespondentRow(p.OrgUnitId.ToString(), attributes[i].Where(kv => designated.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal))).ToList());
        var computed = CampaignRelease.Compute(request, policy);
        if (!computed.IsSuccess)
        {
            return computed.Error!;
        }

        var release = computed.Value;
        var depth = Depths(units);
        var byDepth = units.GroupBy(u => depth[u.Id.ToString()]).ToDictionary(g => g.Key, g => g.Select(u => u.Name).Order(StringComparer.CurrentCulture).ToList());
        var rows = release.Cells
            .GroupBy(c => (Level: depth.GetValueOrDefault(c.Unit), Breakdown: BreakdownName(c)))
            .OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Breakdown == "Everyone" ? 0 : 1).ThenBy(g => g.Key.Breakdown, StringComparer.Ordinal)
            .Select(g =>
            {
                var cells = g.ToHashSet();
                var counts = release.CountWithin(cells.Contains);
                return new ReleasePreviewRow(g.Key.Level, LevelName(g.Key.Level, byDepth.GetValueOrDefault(g.Key.Level) ?? []), g.Key.Breakdown,
                    counts.Cells, counts.Reported, counts.TooFew, counts.ToProtectOthers);
            })
            .ToList();
        var all = release.Audit;
        return new ReleasePreviewResult(audience.Count, policy.K, all.Cells, all.Reported, all.ComplementarySuppressed + all.CrossReleaseSuppressed, rows, AssumptionText);
    }

    /// <summary>An attribute code in words: "age_band" → "Age band".</summary>
    public static string Label(string attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var words = attribute.Replace('_', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? attribute : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }

    private static string BreakdownName(CellKey c) => c.Depth switch
    {
        0 => "Everyone",
        1 => Label(c.First!.Value.Attribute),
        _ => $"{Label(c.First!.Value.Attribute)} × {Label(c.Second!.Value.Attribute)}",
    };

    private static string LevelName(int level, List<string> names)
    {
        if (level == 0)
        {
            return names.Count == 1 ? $"Organisation ({names[0]})" : "Organisation";
        }

        var examples = string.Join(", ", names.Take(2));
        return string.Create(CultureInfo.InvariantCulture, $"Level {level}: {names.Count} units, such as {examples}{(names.Count > 2 ? ", …" : "")}");
    }

    private static Dictionary<string, int> Depths(List<Organisation.OrgUnit> units)
    {
        var parent = units.ToDictionary(u => u.Id, u => u.ParentId);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            var d = 0;
            var seen = new HashSet<Guid>();
            for (var p = parent[u.Id]; p is { } id && parent.ContainsKey(id) && seen.Add(id); p = parent[id])
            {
                d++;
            }

            depth[u.Id.ToString()] = d;
        }

        return depth;
    }
}
