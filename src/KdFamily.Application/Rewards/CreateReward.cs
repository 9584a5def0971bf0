using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Rewards;

public sealed record CreateReward(Guid CallerId, RewardDetails Details) : IMemberCommand;

/// <summary>
/// A parent adds a reward to the family's store: at most <see cref="RewardLimits.MaxLiveRewards"/> live ones (counted
/// under the family's lock), audited.
/// </summary>
public sealed class CreateRewardHandler(UseCasePipeline pipeline) : IUseCase<CreateReward, Reward>
{
    public Task<Result<Reward>> HandleAsync(CreateReward command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<Reward>(command, FamilyLocking.Family, async (work, token) =>
        {
            var result = RewardAdministration.Create(work.Caller, command.Details, work.Now);
            if (result.Value is not { } reward)
            {
                return result;
            }

            var familyId = work.Caller.FamilyId;
            if (await work.Db.Rewards.CountAsync(r => r.FamilyId == familyId && r.ArchivedAt == null, token) >= RewardLimits.MaxLiveRewards)
            {
                return new ValidationError("name", $"A family can offer at most {RewardLimits.MaxLiveRewards} rewards; archive one first.");
            }

            work.Db.Rewards.Add(reward);
            work.Audit.Record(AuditActions.RewardCreated, familyId, work.Caller.Id, "Reward", reward.Id, RewardWork.Describe(reward));
            return reward;
        }, cancellationToken);
    }
}
