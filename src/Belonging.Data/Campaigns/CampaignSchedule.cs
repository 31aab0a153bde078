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
}
