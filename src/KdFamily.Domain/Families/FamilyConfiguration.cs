using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Families;

internal sealed class FamilyConfiguration : IEntityTypeConfiguration<Family>
{
    public void Configure(EntityTypeBuilder<Family> builder)
    {
        builder.ToTable("families");
        builder.Property(f => f.Name).HasMaxLength(100);
        builder.Property(f => f.Description).HasMaxLength(1000);
        builder.Property(f => f.TimeZone).HasMaxLength(64);
        builder.Property(f => f.InviteCode).HasMaxLength(32);
        builder.HasIndex(f => f.InviteCode).IsUnique();
    }
}
