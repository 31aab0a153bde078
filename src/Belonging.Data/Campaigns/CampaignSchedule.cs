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
            var existing = await db.ParticipationCounts.Where(p => p.CampaignId == campaign.Id).ToDictionaryAsync(p => p.UnitId, ct);
            foreach (var c in counts)
            {
                if (existing.TryGetValue(c.Unit, out var row))
                {
                    row.Add(c.Invited, c.Responded);
                }
                else
                {
                    db.ParticipationCounts.Add(new ParticipationCount(campaign.Id, c.Unit, c.Invited, c.Responded));
                }
            }

            campaign.ParticipationReduced(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await db.Invitations.Where(i => i.CampaignId == campaign.Id).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }

        return due.Select(c => c.Id).ToList();
    }
}
