using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Rewards;

public sealed record RedeemReward(Guid CallerId, Guid? RewardId) : IMemberCommand;

/// <summary>
/// A member redeems a reward for themselves. In one transaction: the member's ledger lock is taken and the balance read
/// under it (so concurrent redemptions by one member are judged one after the other and never overdraw), the domain
/// decides, one is taken from stock by a conditional UPDATE (so the last one goes to exactly one member), and the points
/// are held by a <c>redemption</c> ledger row keyed <c>redemption:{id}</c>. Parents are notified, the change audited and
/// announced. Without <see cref="Reward.RequiresApproval"/> the redemption is APPROVED at once.
/// </summary>
public sealed class RedeemRewardHandler(UseCasePipeline pipeline, PointsLedger ledger) : IUseCase<RedeemReward, Redemption>
{
    public Task<Result<Redemption>> HandleAsync(RedeemReward command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<Redemption>(command, async (work, token) =>
        {
            var reward = command.RewardId is { } rewardId
                ? await work.Db.Rewards.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rewardId && r.FamilyId == work.Caller.FamilyId, token)
                : null;
            if (reward is null)
            {
                return RewardWork.RewardNotFound();
            }

            // Lock order, here and in refunds: the member's ledger lock, then the reward's row.
            var balance = await ledger.LockedBalanceAsync(work.Caller.Id, token);
            var result = Redemption.Request(work.Caller, reward, balance, work.Now);
            if (result.Value is not { } redemption)
            {
                return result;
            }

            if (!await RewardStock.TakeOneAsync(work.Db, reward.Id, token))
            {
                return new OutOfStockError($"\"{reward.Name}\" is out of stock.");
            }

            work.Db.Redemptions.Add(redemption);
            var held = (await ledger.AppendAsync(
                redemption.FamilyId,
                redemption.UserId,
                [new LedgerEntry(-redemption.Cost, $"Reward redeemed: {reward.Name}", PointsChangeKinds.Redemption, PointsLedger.RedemptionKey(redemption.Id))],
                token))[0];
            work.Events.PointsAwarded(held);

            await RedemptionNotifications.RequestedAsync(work, redemption, reward, token);
            work.Audit.Record(
                AuditActions.RedemptionRequested, redemption.FamilyId, work.Caller.Id, "Redemption", redemption.Id,
                new { rewardId = reward.Id, cost = redemption.Cost, status = redemption.Status.ToString(), balanceAfter = held.BalanceAfter, ledgerRowId = held.Id });
            work.Events.RedemptionChanged(redemption);
            return redemption;
        }, cancellationToken);
    }
}
