using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Rewards;

/// <summary>The lookups the reward and redemption use cases share, scoped to the caller's family.</summary>
internal static class RewardWork
{
    /// <summary>A reward of the caller's family (archived ones too); null for a malformed, foreign or missing id.</summary>
    public static async Task<Reward?> FindRewardAsync(this MemberWork work, Guid? rewardId, CancellationToken cancellationToken) =>
        rewardId is { } id
            ? await work.Db.Rewards.FirstOrDefaultAsync(r => r.Id == id && r.FamilyId == work.Caller.FamilyId, cancellationToken)
            : null;

    /// <summary>A redemption of the caller's family; null for a malformed, foreign or missing id.</summary>
    public static async Task<Redemption?> FindRedemptionAsync(this MemberWork work, Guid? redemptionId, CancellationToken cancellationToken) =>
        redemptionId is { } id
            ? await work.Db.Redemptions.FirstOrDefaultAsync(r => r.Id == id && r.FamilyId == work.Caller.FamilyId, cancellationToken)
            : null;

    public static DomainError RewardNotFound() => NotFoundError.Of("Reward");

    public static DomainError RedemptionNotFound() => NotFoundError.Of("Redemption");

    /// <summary>What an audit row says about a reward.</summary>
    public static object Describe(Reward reward) =>
        new { name = reward.Name, cost = reward.Cost, stock = reward.Stock, requiresApproval = reward.RequiresApproval, archived = reward.Archived };
}
