using Belonging.Data.Organisation;
using Belonging.Data.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(300).IsRequired();
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.AudienceKind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.AudienceAttribute).HasMaxLength(100);
        b.Property(c => c.AudienceValue).HasMaxLength(200);
        b.Property(c => c.NoisyEpsilon).HasPrecision(9, 4);
        b.Property(c => c.NoisyBudget).HasPrecision(9, 4);
        b.Property(c => c.NoisySpent).HasPrecision(9, 4);
        b.Property(c => c.NoisyReleases).IsConcurrencyToken();
        b.HasOne<InstrumentVersion>().WithMany().HasForeignKey(c => c.InstrumentVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.AudienceUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RosterEntryConfiguration : IEntityTypeConfiguration<RosterEntry>
{
    public void Configure(EntityTypeBuilder<RosterEntry> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.CampaignId, r.PersonId }).IsUnique();
        b.HasIndex(r => r.PersonId);
        b.Property(r => r.Demographics).IsRequired();
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => new { i.CampaignId, i.PersonId }).IsUnique();
        b.Property(i => i.TokenHash).HasMaxLength(32);
        b.HasOne<Campaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnvelopeConfiguration : IEntityTypeConfiguration<Envelope>
{
    public void Configure(EntityTypeBuilder<Envelope> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => e.CampaignId);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResponseSetConfiguration : IEntityTypeConfiguration<ResponseSet>
{
    public void Configure(EntityTypeBuilder<ResponseSet> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.CampaignId);
        b.Property(r => r.Demographics).IsRequired();
        b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.HasIndex(c => c.CampaignId);
        b.Property(c => c.Text).HasMaxLength(4000).IsRequired();
        b.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignUnitConfiguration : IEntityTypeConfiguration<CampaignUnit>
{
    public void Configure(EntityTypeBuilder<CampaignUnit> b)
    {
        b.HasKey(u => new { u.CampaignId, u.UnitId });
        b.Property(u => u.Name).HasMaxLength(300).IsRequired();
        b.HasOne<Campaign>().WithMany().HasForeignKey(u => u.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipationCountConfiguration : IEntityTypeConfiguration<ParticipationCount>
{
    public void Configure(EntityTypeBuilder<ParticipationCount> b)
    {
        b.HasKey(p => new { p.CampaignId, p.UnitId });
        b.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipationSnapshotConfiguration : IEntityTypeConfiguration<ParticipationSnapshot>
{
    public void Configure(EntityTypeBuilder<ParticipationSnapshot> b)
    {
        b.HasKey(p => p.CampaignId);
        b.Property(p => p.TakenOn).IsConcurrencyToken();
        b.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DistributionLogEntryConfiguration : IEntityTypeConfiguration<DistributionLogEntry>
{
    public void Configure(EntityTypeBuilder<DistributionLogEntry> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => e.CampaignId);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
