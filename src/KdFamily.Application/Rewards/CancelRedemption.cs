using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;

namespace KdFamily.Application.Rewards;

public sealed record CancelRedemption(Guid CallerId, Guid? RedemptionId) : IMemberCommand;

/// <summary>The requester withdraws a redemption while it is REQUESTED: the points are refunded once and the stock returned.</summary>
public sealed class CancelRedemptionHandler(UseCasePipeline pipeline, PointsLedger ledger) : IUseCase<CancelRedemption, Redemption>
{
    public Task<Result<Redemption>> HandleAsync(CancelRedemption command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RedemptionDecisions.RunAsync(
            pipeline, ledger, command, command.RedemptionId, RedemptionAction.Cancel, (redemption, work) => redemption.Cancel(work.Caller, work.Now), AuditActions.RedemptionCancelled, cancellationToken);
    }
}
