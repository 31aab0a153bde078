using Belonging.Core;
using Belonging.Data.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Organisation;

/// <summary>
/// That an erasure request was carried out, and when: the organisation's record of honouring the request. Holds no name,
/// no employee id and no unit, so it cannot say whom it was about.
/// </summary>
public sealed class ErasureRecord
{
    private ErasureRecord()
    {
    }

    public ErasureRecord(DateOnly erasedOn, int participationMarksFolded)
    {
        Id = Ids.New();
        ErasedOn = erasedOn;
        ParticipationMarksFolded = participationMarksFolded;
    }

    public Guid Id { get; private set; }

    public DateOnly ErasedOn { get; private set; }

    public int ParticipationMarksFolded { get; private set; }
}

/// <summary>What an erasure did.</summary>
/// <param name="ErasedOn">The day (UTC) it was carried out.</param>
/// <param name="ParticipationMarksFolded">Campaign invitations of the person folded into per-unit counts.</param>
/// <param name="ReportsUnlinked">People who had the erased person as their manager (their manager is now unset).</param>
public sealed record ErasureReceipt(DateOnly ErasedOn, int ParticipationMarksFolded, int ReportsUnlinked);

/// <summary>
/// Carries out an erasure request (GDPR art. 17) for one person on the roster. Answers never carry a person id, so there is
/// nothing to find among them; what identifies the person is their roster record, their reporting attributes and their
/// participation marks. In one transaction: each mark is folded into its campaign's per-unit counts (so invited and
/// answered totals, response rates and every release stay exactly as they were; an unused link stops working), the
/// attributes and the record are deleted, direct reports lose the manager link, and an <see cref="ErasureRecord"/> with the
/// date only is written. Closed campaigns' releases are computed from frozen tables this does not touch
/// (docs/methods/cross-release.md).
/// </summary>
public static class PersonErasure
{
    /// <summary>Erases the person with <paramref name="employeeId"/>.</summary>
    /// <returns>The receipt, or <see cref="NotFound"/> when nobody on the roster has that employee id.</returns>
    public static async Task<Result<ErasureReceipt>> EraseAsync(AppDbContext db, string employeeId, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var id = (employeeId ?? "").Trim();
        var person = id.Length == 0 ? null : await db.People.Include(p => p.Attributes).FirstOrDefaultAsync(p => p.EmployeeId == id, ct);
        if (person is null)
        {
            return new NotFound("person on the roster with employee id", id);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var marks = await db.Invitations.Where(i => i.PersonId == person.Id).ToListAsync(ct);
        foreach (var mark in marks)
        {
            await CampaignSchedule.FoldAsync(db, mark.CampaignId, [(mark.LeafUnitId, 1, mark.Spent ? 1 : 0)], ct);
        }

        db.Invitations.RemoveRange(marks);

        // The roster rows stay (later releases count who joined or left from them) but stop naming the person.
        var alias = Ids.New();
        foreach (var entry in await db.RosterEntries.Where(r => r.PersonId == person.Id).ToListAsync(ct))
        {
            entry.Pseudonymise(alias);
        }

        var reports = await db.People.Where(p => p.ManagerId == person.Id).ToListAsync(ct);
        foreach (var report in reports)
        {
            report.SetManager(null);
        }

        await db.SaveChangesAsync(ct);
        db.People.Remove(person);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        db.ErasureRecords.Add(new ErasureRecord(today, marks.Count));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ErasureReceipt(today, marks.Count, reports.Count);
    }
}
