using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Campaigns;

/// <summary>Closes every open campaign whose close date has passed (the campaign runs through its close date, UTC).</summary>
public static class CampaignSchedule
{
    /// <summary>Idempotent: state lives in the database, so running it twice closes nothing twice.</summary>
    /// <returns>The ids of the campaigns closed by this run.</returns>
    public static async Task<IReadOnlyList<Guid>> CloseDueAsync(AppDbContext db, BallotBox box, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Open && c.ClosesOn < today).Select(c => c.Id).ToListAsync(ct);
        var closed = new List<Guid>();
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var result = await new CampaignLifecycle(db, box, clock).CloseAsync(id, ct);
            if (result.IsSuccess)
            {
                closed.Add(id);
            }
        }

        return closed;
    }

    /// <summary>How long after close people may still ask whether their answer was recorded (appeals), before who-answered is forgotten.</summary>
    public static readonly TimeSpan AppealWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// For campaigns closed longer than the appeal window: replaces the invitations (who was invited, who answered) by
    /// per-unit counts in one transaction. Idempotent.
    /// </summary>
    /// <returns>The ids of the campaigns reduced by this run.</returns>
    public static async Task<IReadOnlyList<Guid>> ReduceParticipationAsync(AppDbContext db, TimeProvider clock, TimeSpan appealWindow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var cutoff = clock.GetUtcNow().UtcDateTime - appealWindow;
        var due = await db.Campaigns.Where(c => c.Status == CampaignStatus.Closed && c.ParticipationReducedAt == null && c.ClosedAt < cutoff).ToListAsync(ct);
        foreach (var campaign in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var counts = await db.Invitations.Where(i => i.CampaignId == campaign.Id)
                .GroupBy(i => i.LeafUnitId)
                .Select(g => new { Unit = g.Key, Invited = g.Count(), Responded = g.Count(i => i.Spent) })
                .ToListAsync(ct);
            await FoldAsync(db, campaign.Id, counts.Select(c => (c.Unit, c.Invited, c.Responded)), ct);

            campaign.ParticipationReduced(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await db.Invitations.Where(i => i.CampaignId == campaign.Id).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }

        return due.Select(c => c.Id).ToList();
    }

    /// <summary>
    /// Adds participation marks to a campaign's per-unit counts (creating a unit's row when it has none yet). The caller
    /// deletes the marks and saves, in its own transaction.
    /// </summary>
    internal static async Task FoldAsync(AppDbContext db, Guid campaignId, IEnumerable<(Guid Unit, int Invited, int Responded)> marks, CancellationToken ct)
    {
        var existing = await db.ParticipationCounts.Where(p => p.CampaignId == campaignId).ToDictionaryAsync(p => p.UnitId, ct);
        foreach (var (unit, invited, responded) in marks)
        {
            if (existing.TryGetValue(unit, out var row))
            {
                row.Add(invited, responded);
            }
            else
            {
                existing[unit] = row = new ParticipationCount(campaignId, unit, invited, responded);
                db.ParticipationCounts.Add(row);
            }
        }
    }
}
