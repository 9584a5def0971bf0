using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Points;

internal sealed class PointsTransactionConfiguration : IEntityTypeConfiguration<PointsTransaction>
{
    public void Configure(EntityTypeBuilder<PointsTransaction> builder)
    {
        builder.ToTable("points_history", t => t.HasCheckConstraint("ck_points_history_redemption_not_negative", "bonus_type <> 'redemption' OR balance_after >= 0"));
        builder.Property(p => p.Reason).HasMaxLength(500);
        builder.Property(p => p.BonusType).HasMaxLength(32);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(200);
        builder.Property(p => p.Multiplier).HasPrecision(6, 3);
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();
        builder.Property(p => p.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(p => new { p.UserId, p.CreatedAt, p.Sequence });
        builder.HasIndex(p => new { p.FamilyId, p.CreatedAt });
        builder.HasIndex(p => p.TaskId).HasFilter("task_id IS NOT NULL");
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.AwardedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(p => p.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}
