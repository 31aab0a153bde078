using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Belonging.Data.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Email).HasMaxLength(320).IsRequired();
        b.HasIndex(a => a.Email).IsUnique();
        b.Property(a => a.DisplayName).HasMaxLength(300).IsRequired();
        b.Property(a => a.PasswordHash).HasMaxLength(500).IsRequired();
        b.Property(a => a.Role).HasConversion<string>().HasMaxLength(20);
    }
}
