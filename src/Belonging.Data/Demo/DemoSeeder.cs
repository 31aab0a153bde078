using Belonging.Core.Surveys;
using Belonging.Data.Accounts;
using Belonging.Data.Campaigns;
using Belonging.Data.Surveys;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data.Demo;

/// <summary>Demo seeding is on only in Development or with --demo / Demo:Enabled=true; a production start never creates default passwords.</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }

    public int People { get; set; } = 3000;

    public int Seed { get; set; } = 20261123;

    public string Password { get; set; } = "demo-belonging";
}

/// <summary>Seeds the demo organisation and its campaign history through the real campaign code paths.</summary>
public sealed class DemoSeeder(AppDbContext db, BallotBox box, TimeProvider clock, Func<Account, string, string> hashPassword, ILogger<DemoSeeder> logger)
{
    public const string AdminEmail = "admin@demo.belonging.local";
    public const string LeaderEmail = "leader@demo.belonging.local";
    public const string EmployeeEmail = "employee@demo.belonging.local";

    private static readonly string[] CommentBank =
    [
        "I would like more chances to meet people from other teams.",
        "Our team meetings make it easy to disagree openly.",
        "Promotion criteria still feel unclear to me.",
        "The buddy programme helped me settle in quickly.",
        "I am not sure leadership acts on what we say in these surveys.",
        "Flexible hours make a big difference for carers.",
        "Sometimes I feel I have to hide parts of who I am at work.",
        "I appreciate that our manager asks for feedback regularly.",
        "More learning time would help, the workload leaves little room.",
        "The accessibility of our tools has improved a lot this year.",
    ];

    public async Task<bool> SeedAsync(DemoOptions options, CancellationToken ct)
    {
        if (await db.People.AnyAsync(ct))
        {
            return false;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var org = DemoOrganisation.Generate(options.Seed, options.People, today);
        db.ReportingAttributeDefinitions.AddRange(org.Definitions);
        db.OrgUnits.AddRange(org.Units);
        await db.SaveChangesAsync(ct);
        db.People.AddRange(org.People);
        await db.SaveChangesAsync(ct);

        var leaderScope = org.Units.First(u => u.ParentId == org.Root.Id && u.Name == "Customer Care");
        db.Accounts.AddRange(
            Account(AdminEmail, "Amal Admin (demo)", Role.Admin, null, options.Password),
            Account(LeaderEmail, "Lee Leader (demo)", Role.Leader, leaderScope.Id, options.Password),
            Account(EmployeeEmail, "Emma Employee (demo)", Role.Employee, null, options.Password));
        await db.SaveChangesAsync(ct);

        var version = await db.InstrumentVersions.AsNoTracking().Include(v => v.Items).OrderBy(v => v.Number).FirstAsync(ct);
        var items = version.Items.OrderBy(i => i.Position).ToList();
        var random = new Random(options.Seed + 1);
        string[] names = ["Belonging survey — spring", "Belonging survey — summer", "Belonging survey — autumn"];
        for (var c = 0; c < names.Length; c++)
        {
            var opens = today.AddDays(-90 * (names.Length - c) - 14);
            await RunCampaignAsync(names[c], version.Id, items, org, opens, opens.AddDays(14), c, random, close: true, 0.8, ct);
        }

        await RunCampaignAsync("Pulse check — this month", version.Id, items, org, today.AddDays(-3), today.AddDays(14), names.Length, random, close: false, 0.4, ct);
        var closed = await db.Campaigns.Where(x => x.Status == CampaignStatus.Closed).ToListAsync(ct);
        foreach (var campaign in closed)
        {
            campaign.Publish();
        }

        SeedMetrics(today);
        SeedPolicies();
        await db.SaveChangesAsync(ct);
        DemoLog.Seeded(logger, org.People.Count, org.Units.Count, names.Length);
        return true;
    }

    private Account Account(string email, string name, Role role, Guid? scope, string password)
    {
        var account = new Account(email, name, "", role, scope);
        account.SetPasswordHash(hashPassword(account, password));
        return account;
    }

    private async Task RunCampaignAsync(
        string name, Guid versionId, List<InstrumentItem> items, DemoOrganisation org, DateOnly opens, DateOnly closes, int wave,
        Random random, bool close, double responseRate, CancellationToken ct)
    {
        var atOpen = new FixedClock(opens.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
        var lifecycle = new CampaignLifecycle(db, box, atOpen);
        var created = await lifecycle.CreateAsync(new CreateCampaignRequest(name, versionId, opens, closes, 5, 10), ct);
        var opened = await lifecycle.OpenAsync(created.Value.Id, LinkDelivery.Export, ct);
        var campaignId = opened.Value.Campaign.Id;
        db.ChangeTracker.Clear();

        var invitations = await db.Invitations.Where(i => i.CampaignId == campaignId).ToListAsync(ct);
        var answered = 0;
        // In the organisation's own order (person ids are random): the same seed gives the same answers on every run.
        var order = org.People.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var invitation in invitations.OrderBy(i => order[i.PersonId]))
        {
            var disposition = org.Disposition[invitation.PersonId];
            // Groups that start lower improve wave by wave (the programme is working); they also answer a little less.
            var latent = 0.3 + disposition + (disposition < -0.2 ? 0.12 * wave : 0.02 * wave);
            if (random.NextDouble() > responseRate + 0.1 * Math.Min(0, disposition))
            {
                continue;
            }

            var values = new byte[items.Count];
            var comments = new List<BallotComment>();
            foreach (var item in items)
            {
                switch (item.Scale)
                {
                    case ItemScale.Agreement5:
                        var roll = random.NextDouble();
                        if (roll < 0.03 || (item.AllowDontKnow && roll < 0.05))
                        {
                            continue;
                        }

                        var x = Math.Clamp((int)Math.Round(3.4 + (1.3 * (latent + ComponentShift(item.Component, wave))) + Normal(random) * 0.85), 1, 5);
                        values[item.Position] = (byte)(item.ReverseKeyed ? 6 - x : x);
                        break;
                    case ItemScale.ZeroToTen:
                        values[item.Position] = (byte)(Math.Clamp((int)Math.Round(6.8 + (3 * latent) + Normal(random) * 1.6), 0, 10) + 1);
                        break;
                    case ItemScale.FreeText when random.NextDouble() < 0.15:
                        comments.Add(new BallotComment(item.Position, CommentBank[random.Next(CommentBank.Length)]));
                        break;
                    default:
                        break;
                }
            }

            invitation.Spend();
            db.Envelopes.Add(box.Seal(campaignId, new Ballot(invitation.LeafUnitId, invitation.Demographics, values, comments)));
            answered++;
        }

        if (answered > 0)
        {
            await db.Campaigns.Where(x => x.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(x => x.HasAnswers, true), ct);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (close)
        {
            var atClose = new FixedClock(closes.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc));
            await new CampaignLifecycle(db, box, atClose).CloseAsync(campaignId, ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Typical survey shape: accountability and leadership score lowest, connection highest; accountability improves as actions land.</summary>
    private static double ComponentShift(BlueprintComponent? component, int wave) => component switch
    {
        BlueprintComponent.MeasurementAccountability => -0.35 + (0.08 * wave),
        BlueprintComponent.LeadershipVision => -0.15,
        BlueprintComponent.PsychologicalSafety => -0.1,
        BlueprintComponent.InclusiveInfrastructure => -0.05,
        BlueprintComponent.MeaningfulConnection => 0.2,
        BlueprintComponent.ContinuousLearning => 0.05,
        _ => 0,
    };

    private static double Normal(Random r) =>
        Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    /// <summary>A fresh single-use link to the open demo campaign (re-issued at each start, since only hashes are stored).</summary>
    public async Task<string?> FreshLinkTokenAsync(CancellationToken ct)
    {
        var open = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Open).Select(c => c.Id).ToListAsync(ct);
        if (open.Count == 0)
        {
            return null;
        }

        var invitation = await db.Invitations.Where(i => open.Contains(i.CampaignId) && !i.Spent).OrderBy(i => i.Id).FirstOrDefaultAsync(ct);
        if (invitation is null)
        {
            return null;
        }

        var token = BallotBox.NewToken();
        invitation.ReplaceToken(BallotBox.HashToken(token));
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>Two leading metrics with a year of quarterly values, so the metrics page has something to compare.</summary>
    private void SeedMetrics(DateOnly today)
    {
        var buddy = new Metrics.Metric("New joiners with a buddy", Metrics.MetricKind.Leading, "%", "Share of people who started in the quarter and were matched with a buddy in their first week.");
        var actions = new Metrics.Metric("Agreed actions completed", Metrics.MetricKind.Leading, "%", "Share of the actions leaders committed to after the last survey that are done.");
        db.Metrics.AddRange(buddy, actions);
        double[] buddyValues = [35, 48, 62, 71];
        double[] actionValues = [20, 41, 55, 68];
        for (var q = 0; q < 4; q++)
        {
            var period = today.AddDays(-91 * (3 - q));
            db.MetricValues.Add(new Metrics.MetricValue(buddy.Id, period, buddyValues[q]));
            db.MetricValues.Add(new Metrics.MetricValue(actions.Id, period, actionValues[q]));
        }
    }

    /// <summary>Three short demo policies (written for the demo) with typical exclusionary wording, to audit.</summary>
    private void SeedPolicies()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        (string Title, string Text)[] policies =
        [
            ("Parental leave", "# Parental leave\n\nEvery employee who gives birth may take maternity leave of 16 weeks on full pay.\n\nWhen an employee requests leave, he must inform his manager four weeks in advance.\n"),
            ("Job advert: warehouse team lead", "# Warehouse team lead\n\nWe are a young and dynamic team looking for a rock star to lead our manpower planning.\n\nRequirements: native English speaker, must be able to lift 50 lbs, and a great culture fit.\n"),
            ("Committee charter", "# Belonging committee\n\nThe chairman opens each meeting. Minutes are shared with all staff within a week.\n\nThe committee reviews the master's degree sponsorship scheme every year.\n"),
        ];
        var auditor = Belonging.Core.TextAudit.TextAuditor.CreateDefault();
        foreach (var (title, text) in policies)
        {
            var document = new PolicyAudit.PolicyDocument(title, now);
            db.PolicyDocuments.Add(document);
            var version = document.AddVersion(title + ".md", text, Belonging.Core.TextAudit.TextKind.Markdown, "uploaded", now);
            version.Audited(auditor.Audit(text, version.FileName, Belonging.Core.TextAudit.TextKind.Markdown).Count);
            db.PolicyVersions.Add(version);
        }
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}

internal static partial class DemoLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo organisation: {People} people in {Units} units, {Campaigns} closed campaigns and one open pulse")]
    public static partial void Seeded(ILogger logger, int people, int units, int campaigns);
}
