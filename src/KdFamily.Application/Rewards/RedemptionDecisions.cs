using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Rewards;

/// <summary>
/// An action on one redemption of the caller's family (approve, reject, cancel), through <see cref="UseCasePipeline"/>:
/// load it, let the domain's state machine decide, write the new status first, then refund when it was rejected or
/// cancelled, notify, audit and announce.
/// <para>
/// Race-proofing, as for tasks: the status update is conditional on the row version read (<c>xmin</c>). Of racing
/// decisions the first to commit wins; the others find the version changed before writing anything else, and the
/// pipeline re-runs them on the fresh row, where the state machine answers INVALID_TRANSITION. The refund's unique key
/// (<c>redemption:{id}:refund</c>) makes a second refund impossible even so.
/// </para>
/// </summary>
internal static class RedemptionDecisions
{
    public static Task<Result<Redemption>> RunAsync(
        UseCasePipeline pipeline,
        PointsLedger ledger,
        IMemberCommand command,
        Guid? redemptionId,
        RedemptionAction action,
        Func<Redemption, MemberWork, Result<Redemption>> decide,
        string auditAction,
        CancellationToken cancellationToken) =>
        pipeline.RunAsync<Redemption>(command, async (work, token) =>
        {
            if (await work.FindRedemptionAsync(redemptionId, token) is not { } redemption)
            {
                return RewardWork.RedemptionNotFound();
            }

            var result = decide(redemption, work);
            if (result.Error is not null)
            {
                return result;
            }

            await work.Db.SaveChangesAsync(token);
            var reward = await work.Db.Rewards.AsNoTracking().FirstAsync(r => r.Id == redemption.RewardId, token);
            Guid? refundRowId = null;
            if (redemption.IsRefunded)
            {
                work.OnUniqueViolation(PointsLedger.IdempotencyKeyIndex, RedemptionInvalidTransitionError.Of(redemption.Status, action));
                var refund = (await ledger.AppendAsync(
                    redemption.FamilyId,
                    redemption.UserId,
                    [new LedgerEntry(redemption.Cost, $"Reward refunded: {reward.Name}", PointsChangeKinds.RedemptionRefund, PointsLedger.RedemptionRefundKey(redemption.Id), redemption.DecidedById)],
                    token))[0];
                await RewardStock.ReturnOneAsync(work.Db, reward.Id, token);
                work.Events.PointsAwarded(refund);
                refundRowId = refund.Id;
            }

            if (redemption.DecidedById is not null)
            {
                RedemptionNotifications.Decided(work, redemption, reward);
            }

            work.Audit.Record(
                auditAction, redemption.FamilyId, work.Caller.Id, "Redemption", redemption.Id,
                new { rewardId = reward.Id, requesterId = redemption.UserId, cost = redemption.Cost, reason = redemption.Reason, refundLedgerRowId = refundRowId });
            work.Events.RedemptionChanged(redemption);
            return redemption;
        }, cancellationToken);
}
