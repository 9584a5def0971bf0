using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Rewards;

namespace KdFamily.Application.Rewards;

public sealed record ArchiveReward(Guid CallerId, Guid? RewardId) : IMemberCommand;

/// <summary>A parent stops offering a reward (audited); its open redemptions can still be decided, and archiving twice changes nothing.</summary>
public sealed class ArchiveRewardHandler(UseCasePipeline pipeline) : IUseCase<ArchiveReward, Reward>
{
    public Task<Result<Reward>> HandleAsync(ArchiveReward command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<Reward>(command, async (work, token) =>
        {
            if (await work.FindRewardAsync(command.RewardId, token) is not { } reward)
            {
                return RewardWork.RewardNotFound();
            }

            var wasArchived = reward.Archived;
            var result = RewardAdministration.Archive(reward, work.Caller, work.Now);
            if (result.IsSuccess && !wasArchived)
            {
                work.Audit.Record(AuditActions.RewardArchived, reward.FamilyId, work.Caller.Id, "Reward", reward.Id, RewardWork.Describe(reward));
            }

            return result;
        }, cancellationToken);
    }
}
