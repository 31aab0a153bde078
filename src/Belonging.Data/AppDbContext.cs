using Belonging.Data.Accounts;
using Belonging.Data.Campaigns;
using Belonging.Data.Metrics;
using Belonging.Data.Organisation;
using Belonging.Data.PolicyAudit;
using Belonging.Data.Results;
using Belonging.Data.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Belonging.Data;

/// <summary>The unit of work and the repository. One model for SQLite and PostgreSQL; migrations live per provider.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<PersonAttributeValue> PersonAttributeValues => Set<PersonAttributeValue>();

    public DbSet<ReportingAttributeDefinition> ReportingAttributeDefinitions => Set<ReportingAttributeDefinition>();

    public DbSet<ErasureRecord> ErasureRecords => Set<ErasureRecord>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();

    public DbSet<PasswordSetupToken> PasswordSetupTokens => Set<PasswordSetupToken>();

    public DbSet<Instrument> Instruments => Set<Instrument>();

    public DbSet<InstrumentVersion> InstrumentVersions => Set<InstrumentVersion>();

    public DbSet<InstrumentItem> InstrumentItems => Set<InstrumentItem>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<RosterEntry> RosterEntries => Set<RosterEntry>();

    public DbSet<Envelope> Envelopes => Set<Envelope>();

    public DbSet<ResponseSet> ResponseSets => Set<ResponseSet>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<CampaignUnit> CampaignUnits => Set<CampaignUnit>();

    public DbSet<ParticipationCount> ParticipationCounts => Set<ParticipationCount>();

    public DbSet<PublishedRelease> PublishedReleases => Set<PublishedRelease>();

    public DbSet<ReleasedCell> ReleasedCells => Set<ReleasedCell>();

    public DbSet<ParticipationSnapshot> ParticipationSnapshots => Set<ParticipationSnapshot>();

    public DbSet<DistributionLogEntry> DistributionLog => Set<DistributionLogEntry>();

    public DbSet<Metric> Metrics => Set<Metric>();

    public DbSet<MetricValue> MetricValues => Set<MetricValue>();

    public DbSet<PolicyDocument> PolicyDocuments => Set<PolicyDocument>();

    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();

    public DbSet<FindingDecision> FindingDecisions => Set<FindingDecision>();

    public DbSet<AllowedPhrase> AllowedPhrases => Set<AllowedPhrase>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
