using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.Surveys;

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Key).HasMaxLength(100).IsRequired();
        b.HasIndex(i => i.Key).IsUnique();
        b.Property(i => i.Name).HasMaxLength(300).IsRequired();
        b.HasMany(i => i.Versions).WithOne().HasForeignKey(v => v.InstrumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InstrumentVersionConfiguration : IEntityTypeConfiguration<InstrumentVersion>
{
    public void Configure(EntityTypeBuilder<InstrumentVersion> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasIndex(v => new { v.InstrumentId, v.Number }).IsUnique();
        b.Property(v => v.Attribution).HasMaxLength(1000);
        b.HasMany(v => v.Items).WithOne().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InstrumentItemConfiguration : IEntityTypeConfiguration<InstrumentItem>
{
    public void Configure(EntityTypeBuilder<InstrumentItem> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.HasIndex(i => new { i.VersionId, i.Position }).IsUnique();
        b.Property(i => i.Code).HasMaxLength(50).IsRequired();
        b.Property(i => i.Text).HasMaxLength(1000).IsRequired();
        b.Property(i => i.Scale).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Component).HasConversion<string>().HasMaxLength(40);
        b.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Source).HasMaxLength(300).IsRequired();
        b.Property(i => i.Licence).HasMaxLength(200).IsRequired();
        b.Property(i => i.Choices).HasMaxLength(4000);
        b.Property(i => i.Language).HasMaxLength(35).IsRequired();
    }
}
