using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;

namespace KdFamily.Application.Rewards;

public sealed record RejectRedemption(Guid CallerId, Guid? RedemptionId, string? Reason) : IMemberCommand;

/// <summary>A parent other than the requester refuses a REQUESTED redemption with a reason: the points are refunded once, the stock returned, the member notified.</summary>
public sealed class RejectRedemptionHandler(UseCasePipeline pipeline, PointsLedger ledger) : IUseCase<RejectRedemption, Redemption>
{
    public Task<Result<Redemption>> HandleAsync(RejectRedemption command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RedemptionDecisions.RunAsync(
            pipeline, ledger, command, command.RedemptionId, RedemptionAction.Reject,
            (redemption, work) => redemption.Reject(work.Caller, command.Reason, work.Now), AuditActions.RedemptionRejected, cancellationToken);
    }
}
