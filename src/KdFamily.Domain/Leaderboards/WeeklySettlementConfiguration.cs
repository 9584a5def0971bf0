using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Leaderboards;

internal sealed class WeeklySettlementConfiguration : IEntityTypeConfiguration<WeeklySettlement>
{
    public void Configure(EntityTypeBuilder<WeeklySettlement> builder)
    {
        builder.ToTable("weekly_settlements");
        builder.Property(s => s.Standings).HasColumnType("jsonb");
        builder.HasIndex(s => new { s.FamilyId, s.WeekStart }).IsUnique();
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(s => s.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}
