using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.Organisation;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.ExternalId).HasMaxLength(200).IsRequired();
        b.HasIndex(u => u.ExternalId).IsUnique();
        b.Property(u => u.Name).HasMaxLength(300).IsRequired();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.EmployeeId).HasMaxLength(200).IsRequired();
        b.HasIndex(p => p.EmployeeId).IsUnique();
        b.Property(p => p.Name).HasMaxLength(300).IsRequired();
        b.Property(p => p.Email).HasMaxLength(320).IsRequired();
        b.HasIndex(p => p.Email);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Attributes).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonAttributeConfiguration : IEntityTypeConfiguration<PersonAttributeValue>
{
    public void Configure(EntityTypeBuilder<PersonAttributeValue> b)
    {
        b.HasKey(a => new { a.PersonId, a.Name });
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.Value).HasMaxLength(200).IsRequired();
        b.HasOne<ReportingAttributeDefinition>().WithMany().HasForeignKey(a => a.Name).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportingAttributeConfiguration : IEntityTypeConfiguration<ReportingAttributeDefinition>
{
    public void Configure(EntityTypeBuilder<ReportingAttributeDefinition> b)
    {
        b.HasKey(a => a.Name);
        b.Property(a => a.Name).HasMaxLength(100);
    }
}

internal sealed class ErasureRecordConfiguration : IEntityTypeConfiguration<ErasureRecord>
{
    public void Configure(EntityTypeBuilder<ErasureRecord> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
    }
}
