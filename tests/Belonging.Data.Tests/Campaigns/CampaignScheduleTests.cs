using Belonging.Core.Surveys;
using Belonging.Data.Campaigns;
using Belonging.Data.Organisation;
using Belonging.Data.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Belonging.Data.Tests.Campaigns;

public sealed class CampaignScheduleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CloseDue_AfterCloseDate_ClosesOnceAndUnseals(Belonging.Data.DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var unit = new OrgUnit("ROOT", "Root", null);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        db.People.Add(new Person("E1", "One", "one@test.local", unit.Id, new DateOnly(2020, 1, 1)));
        db.People.Add(new Person("E2", "Two", "two@test.local", unit.Id, new DateOnly(2020, 1, 1)));
        await InstrumentSeeding.EnsureAsync(db, new InstrumentDefinition("t", "T", [new ItemDefinition("Q", "Q", ItemScale.Agreement5, null, OutcomeKind.None, false, false, "s", "l")], null), default);
        await db.SaveChangesAsync();
        var box = new BallotBox(Options.Create(new BallotBoxOptions { KeyDirectory = database.KeyDirectory }), NullLogger<BallotBox>.Instance);
        var lifecycle = new CampaignLifecycle(db, box, clock);
        var created = await lifecycle.CreateAsync(new CreateCampaignRequest("Pulse", await db.InstrumentVersions.Select(v => v.Id).SingleAsync(), new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 10), 3, 3), default);
        var id = (await lifecycle.OpenAsync(created.Value.Id, LinkDelivery.Mail, default)).Value.Campaign.Id;

        // E2 asks to be erased while the campaign is open: their mark is folded into the unit's counts at once.
        Assert.True((await PersonErasure.EraseAsync(db, "E2", clock, default)).IsSuccess);
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.CampaignId == id));
        clock.Advance(TimeSpan.FromDays(9));   // 10 May: still open through its close date
        Assert.Empty(await CampaignSchedule.CloseDueAsync(db, box, clock, default));
        clock.Advance(TimeSpan.FromDays(1));   // 11 May
        Assert.Equal([id], await CampaignSchedule.CloseDueAsync(db, box, clock, default));
        Assert.Empty(await CampaignSchedule.CloseDueAsync(db, box, clock, default));
        db.ChangeTracker.Clear();
        Assert.Equal(CampaignStatus.Closed, (await db.Campaigns.SingleAsync(c => c.Id == id)).Status);
        Assert.False(box.HasKey(id));

        // Within the appeal window who was invited is kept; after it only per-unit counts remain.
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Empty(await CampaignSchedule.ReduceParticipationAsync(db, clock, CampaignSchedule.AppealWindow, default));
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.CampaignId == id));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal([id], await CampaignSchedule.ReduceParticipationAsync(db, clock, CampaignSchedule.AppealWindow, default));
        Assert.Empty(await CampaignSchedule.ReduceParticipationAsync(db, clock, CampaignSchedule.AppealWindow, default));
        db.ChangeTracker.Clear();
        Assert.Equal(0, await db.Invitations.CountAsync(i => i.CampaignId == id));
        var count = await db.ParticipationCounts.SingleAsync(p => p.CampaignId == id);
        Assert.Equal((unit.Id, 2, 0), (count.UnitId, count.Invited, count.Responded));   // the reduction adds to the erased person's count
        var participation = await new CampaignLifecycle(db, box, clock).ParticipationAsync(id, default);
        Assert.Equal(2, participation.Value.Invited);
    }
}
