using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.Results;

/// <summary>
/// One cell the first published version of a campaign's release reports, with the statistics its published figures are
/// computed from (<see cref="CellStatistics"/> as JSON): stored in the transaction that stores version 1, which also
/// deletes the campaign's per-respondent answer sets (ADR 9). Nothing is stored for a withheld cell, and inside a cell
/// nothing for a withheld figure, so every row describes a group of at least k people.
/// </summary>
public sealed class ReleasedCell
{
    private ReleasedCell()
    {
    }

    public ReleasedCell(Guid id, Guid campaignId, string cell, int respondents, string statistics)
    {
        Id = id;
        CampaignId = campaignId;
        Cell = cell;
        Respondents = respondents;
        Statistics = statistics;
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    /// <summary>The <see cref="Belonging.Core.Privacy.CellKey"/> as JSON (unit id and attribute conditions).</summary>
    public string Cell { get; private set; } = "";

    /// <summary>The cell's reported count (as published; at least k).</summary>
    public int Respondents { get; private set; }

    /// <summary>The <see cref="CellStatistics"/> as JSON.</summary>
    public string Statistics { get; private set; } = "";
}

internal sealed class ReleasedCellConfiguration : IEntityTypeConfiguration<ReleasedCell>
{
    public void Configure(EntityTypeBuilder<ReleasedCell> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.HasIndex(c => new { c.CampaignId, c.Cell }).IsUnique();
        b.Property(c => c.Cell).IsRequired();
        b.Property(c => c.Statistics).IsRequired();
        b.HasOne<Belonging.Data.Campaigns.Campaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
