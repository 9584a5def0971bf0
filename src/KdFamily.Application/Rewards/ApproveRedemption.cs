using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;

namespace KdFamily.Application.Rewards;

public sealed record ApproveRedemption(Guid CallerId, Guid? RedemptionId) : IMemberCommand;

/// <summary>A parent other than the requester grants a REQUESTED redemption: the held points stay spent; the member is notified.</summary>
public sealed class ApproveRedemptionHandler(UseCasePipeline pipeline, PointsLedger ledger) : IUseCase<ApproveRedemption, Redemption>
{
    public Task<Result<Redemption>> HandleAsync(ApproveRedemption command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RedemptionDecisions.RunAsync(
            pipeline, ledger, command, command.RedemptionId, RedemptionAction.Approve, (redemption, work) => redemption.Approve(work.Caller, work.Now), AuditActions.RedemptionApproved, cancellationToken);
    }
}
