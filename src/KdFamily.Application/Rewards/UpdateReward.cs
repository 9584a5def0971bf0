using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Rewards;

namespace KdFamily.Application.Rewards;

public sealed record UpdateReward(Guid CallerId, Guid? RewardId, RewardEdit Edit) : IMemberCommand;

/// <summary>
/// A parent changes a live reward (name, description, cost, stock, whether it needs approval), audited with the values
/// before and after. Redemptions already made keep the cost they were made at.
/// </summary>
public sealed class UpdateRewardHandler(UseCasePipeline pipeline) : IUseCase<UpdateReward, Reward>
{
    public Task<Result<Reward>> HandleAsync(UpdateReward command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<Reward>(command, async (work, token) =>
        {
            if (await work.FindRewardAsync(command.RewardId, token) is not { } reward)
            {
                return RewardWork.RewardNotFound();
            }

            var before = RewardWork.Describe(reward);
            var result = RewardAdministration.Update(reward, work.Caller, command.Edit, work.Now);
            if (result.IsSuccess)
            {
                work.Audit.Record(AuditActions.RewardUpdated, reward.FamilyId, work.Caller.Id, "Reward", reward.Id, new { before, after = RewardWork.Describe(reward) });
            }

            return result;
        }, cancellationToken);
    }
}
