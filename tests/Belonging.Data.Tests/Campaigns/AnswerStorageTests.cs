using Belonging.Core.Surveys;
using Belonging.Data.Campaigns;
using Belonging.Data.Organisation;
using Belonging.Data.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Belonging.Data.Tests.Campaigns;

/// <summary>Inspects what the database itself holds: stored answers must carry nothing linkable and no submission order.</summary>
public sealed class AnswerStorageTests
{
    private const int Respondents = 40;

    private static async Task<(Guid CampaignId, List<byte[]> Submitted)> RunCampaignAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var db = database.Open();
        var unit = new OrgUnit("ROOT", "Root", null);
        db.OrgUnits.Add(unit);
        db.ReportingAttributeDefinitions.Add(new ReportingAttributeDefinition("gender", false));
        await db.SaveChangesAsync();
        for (var i = 0; i < Respondents; i++)
        {
            var p = new Person($"E{i:D3}", $"Person {i}", $"p{i}@test.local", unit.Id, new DateOnly(2020, 1, 1));
            p.SetAttributes(new Dictionary<string, string>(StringComparer.Ordinal) { ["gender"] = i % 2 == 0 ? "Woman" : "Man" });
            db.People.Add(p);
        }

        var items = Enumerable.Range(0, 4).Select(i => new ItemDefinition($"Q{i}", $"Question {i}", ItemScale.Agreement5, BlueprintComponent.MeaningfulConnection, OutcomeKind.None, false, false, "test", "CC0")).ToList();
        await InstrumentSeeding.EnsureAsync(db, new InstrumentDefinition("test", "Test", items, null), default);
        var versionId = await db.InstrumentVersions.Select(v => v.Id).SingleAsync();
        var box = new BallotBox(Options.Create(new BallotBoxOptions { KeyDirectory = database.KeyDirectory }), NullLogger<BallotBox>.Instance);
        var lifecycle = new CampaignLifecycle(db, box, clock);
        var created = await lifecycle.CreateAsync(new CreateCampaignRequest("Storage test", versionId, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 16), 5, 5), default);
        var opened = await lifecycle.OpenAsync(created.Value.Id, LinkDelivery.Mail, default);
        var campaignId = opened.Value.Campaign.Id;

        // Each submission's answers encode its position in the submission order (base 5 over four items).
        var submitted = new List<byte[]>();
        var invitations = await db.Invitations.Where(i => i.CampaignId == campaignId).OrderBy(i => i.LeafUnitId).ToListAsync();
        for (var s = 0; s < Respondents; s++)
        {
            var values = new byte[] { (byte)(s / 125 % 5 + 1), (byte)(s / 25 % 5 + 1), (byte)(s / 5 % 5 + 1), (byte)(s % 5 + 1) };
            submitted.Add(values);
            invitations[s].Spend();
            db.Envelopes.Add(box.Seal(campaignId, new Ballot(invitations[s].LeafUnitId, invitations[s].Demographics, values, [new BallotComment(0, $"comment {s}")])));
            await db.SaveChangesAsync();
            clock.Advance(TimeSpan.FromMinutes(7));
        }

        db.ChangeTracker.Clear();
        var closed = await lifecycle.CloseAsync(campaignId, default);
        Assert.Equal(Respondents, closed.Value.AnswerSets);
        return (campaignId, submitted);
    }

    private static async Task<List<string>> ColumnsAsync(AppDbContext db, string table)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open)
        {
            await conn.OpenAsync();
        }

        await using var cmd = conn.CreateCommand();
        cmd.CommandText = db.Database.IsSqlite()
            ? $"SELECT name FROM pragma_table_info('{table}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'";
        var columns = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Schema_AnswerTables_HaveNoLinkableColumns(Belonging.Data.DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        Assert.Equal(["CampaignId", "Demographics", "Id", "LeafUnitId", "Values"], await ColumnsAsync(db, "ResponseSets"));
        Assert.Equal(["CampaignId", "Id", "ItemPosition", "LeafUnitId", "Text"], await ColumnsAsync(db, "Comments"));
        Assert.Equal(["CampaignId", "Ciphertext", "Id", "Nonce", "Tag"], await ColumnsAsync(db, "Envelopes"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Close_StoredOrder_IsNotSubmissionOrder(Belonging.Data.DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (campaignId, submitted) = await RunCampaignAsync(database);
        await using var db = database.Open();

        // Physical order: SQLite's rowid, PostgreSQL's heap position (ctid).
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = provider == Belonging.Data.DatabaseProvider.Sqlite
            ? "SELECT \"Id\", \"Values\" FROM \"ResponseSets\" ORDER BY rowid"
            : "SELECT \"Id\", \"Values\", xmin::text FROM \"ResponseSets\" ORDER BY ctid";
        var physical = new List<(Guid Id, byte[] Values)>();
        var transactionIds = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                physical.Add((reader.GetGuid(0), (byte[])reader.GetValue(1)));
                if (provider == Belonging.Data.DatabaseProvider.Postgres)
                {
                    transactionIds.Add(reader.GetString(2));
                }
            }
        }

        var order = physical.Select(p => submitted.FindIndex(s => s.AsSpan().SequenceEqual(p.Values))).ToList();
        Assert.Equal(Enumerable.Range(0, Respondents).ToList(), order.Order().ToList());   // every submission stored once
        Assert.NotEqual(Enumerable.Range(0, Respondents).ToList(), order);                 // not in submission order
        Assert.NotEqual(Enumerable.Range(0, Respondents).Reverse().ToList(), order);       // nor reversed

        // Ids: not ordered by submission either, and not time-ordered UUIDv7 values.
        var byId = physical.OrderBy(p => p.Id).Select(p => submitted.FindIndex(s => s.AsSpan().SequenceEqual(p.Values))).ToList();
        Assert.NotEqual(Enumerable.Range(0, Respondents).ToList(), byId);
        Assert.True(physical.Count(p => p.Id.Version == 7) < Respondents / 2);

        if (provider == Belonging.Data.DatabaseProvider.Postgres)
        {
            // All answer rows were written by one transaction: xmin says nothing about who came first.
            Assert.Single(transactionIds);
        }

        Assert.Equal(0, await db.Envelopes.CountAsync(e => e.CampaignId == campaignId));
        Assert.False(Directory.Exists(database.KeyDirectory) && Directory.EnumerateFiles(database.KeyDirectory).Any());
    }

    private static async Task<Guid> BareCampaignAsync(AppDbContext db)
    {
        var items = new[] { new ItemDefinition("Q0", "Question", ItemScale.Agreement5, null, OutcomeKind.None, false, false, "test", "CC0") };
        var key = "bare-" + Guid.CreateVersion7().ToString("N");
        await InstrumentSeeding.EnsureAsync(db, new InstrumentDefinition(key, "Bare", items, null), default);
        var versionId = await db.Instruments.Where(i => i.Key == key).SelectMany(i => i.Versions).Select(v => v.Id).SingleAsync();
        var campaign = new Campaign("Bare", versionId, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), 5, 5);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Envelope_WithoutKey_CannotBeOpenedAndIsPadded(Belonging.Data.DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var box = new BallotBox(Options.Create(new BallotBoxOptions { KeyDirectory = database.KeyDirectory }), NullLogger<BallotBox>.Instance);
        var campaign = await BareCampaignAsync(db);
        box.CreateKey(campaign);
        var shortOne = box.Seal(campaign, new Ballot(Guid.Empty, "{}", [1, 2], []));
        var longOne = box.Seal(campaign, new Ballot(Guid.Empty, "{}", [1, 2], [new BallotComment(1, new string('x', 2000))]));
        // Lengths are padded to 4 KiB blocks: a short and a long comment produce ciphertexts of the same size.
        Assert.Equal(shortOne.Ciphertext.Length, longOne.Ciphertext.Length);
        // Bound to its campaign: opening an envelope under another campaign's key fails.
        var other = await BareCampaignAsync(db);
        box.CreateKey(other);
        db.Envelopes.Add(new Envelope(other, shortOne.Nonce, shortOne.Ciphertext, shortOne.Tag));
        await db.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => box.UnsealAsync(db, other, default));
        box.DestroyKey(other);
        Assert.False(box.HasKey(other));
    }
}
