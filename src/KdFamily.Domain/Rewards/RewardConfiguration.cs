using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KdFamily.Domain.Rewards;

internal sealed class RewardConfiguration : IEntityTypeConfiguration<Reward>
{
    public void Configure(EntityTypeBuilder<Reward> builder)
    {
        builder.ToTable("rewards", t => t.HasCheckConstraint("ck_rewards_stock_not_negative", "stock IS NULL OR stock >= 0"));
        builder.Property(r => r.Name).HasMaxLength(RewardLimits.MaxNameLength);
        builder.Property(r => r.Description).HasMaxLength(RewardLimits.MaxDescriptionLength);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.Archived);
        builder.HasIndex(r => new { r.FamilyId, r.ArchivedAt });
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(r => r.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> builder)
    {
        builder.ToTable("redemptions");
        builder.Property(r => r.Reason).HasMaxLength(RewardLimits.MaxReasonLength);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.IsRefunded);
        builder.HasIndex(r => new { r.FamilyId, r.RequestedAt, r.Id });
        builder.HasIndex(r => new { r.UserId, r.RequestedAt, r.Id });
        builder.HasOne<Reward>().WithMany().HasForeignKey(r => r.RewardId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.DecidedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Families.Family>().WithMany().HasForeignKey(r => r.FamilyId).OnDelete(DeleteBehavior.Cascade);
    }
}
