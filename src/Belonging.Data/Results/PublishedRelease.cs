using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.Results;

/// <summary>
/// One version of a closed campaign's release as people read it: stored when it is first computed and read back ever
/// after (<see cref="Belonging.Core.Privacy.CampaignRelease.Restore"/>). A stricter threshold adds a version through
/// <see cref="Belonging.Core.Privacy.CampaignRelease.Recompute"/>; versions are never updated or deleted, so the cross-release rule of later
/// campaigns can compare with everything ever published.
/// </summary>
public sealed class PublishedRelease
{
    private PublishedRelease()
    {
    }

    public PublishedRelease(Guid id, Guid campaignId, int version, int k, int kComments, string release)
    {
        Id = id;
        CampaignId = campaignId;
        Version = version;
        K = k;
        KComments = kComments;
        Release = release;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    /// <summary>1 for the release computed at close; each stricter recomputation adds one.</summary>
    public int Version { get; private set; }

    public int K { get; private set; }

    public int KComments { get; private set; }

    /// <summary>The <see cref="Belonging.Core.Privacy.StoredRelease"/> as JSON (statuses, reported counts, audit).</summary>
    public string Release { get; private set; } = "";
}

internal sealed class PublishedReleaseConfiguration : IEntityTypeConfiguration<PublishedRelease>
{
    public void Configure(EntityTypeBuilder<PublishedRelease> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.CampaignId, r.Version }).IsUnique();
        b.Property(r => r.Release).IsRequired();
        b.HasOne<Belonging.Data.Campaigns.Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
