using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Away;

internal sealed class AwayPeriodConfiguration : IEntityTypeConfiguration<AwayPeriod>
{
    public void Configure(EntityTypeBuilder<AwayPeriod> builder)
    {
        builder.ToTable("away_periods", t => t.HasCheckConstraint("ck_away_periods_from_until", "from_date <= until_date"));
        builder.Property(p => p.From).HasColumnName("from_date");
        builder.Property(p => p.Until).HasColumnName("until_date");
        builder.Ignore(p => p.Dates);
        builder.HasIndex(p => new { p.UserId, p.Until });
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(p => p.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}
