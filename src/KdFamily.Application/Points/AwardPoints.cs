using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Points;

namespace KdFamily.Application.Points;

public sealed record AwardPoints(Guid CallerId, Guid? RecipientId, int Points, string Reason, string? IdempotencyKey) : IMemberCommand;

/// <summary>
/// A parent awards or deducts points with a reason: one ledger row with the recipient's balance after it, audited.
/// A client's idempotency key used twice answers ALREADY_AWARDED instead of paying twice.
/// </summary>
public sealed class AwardPointsHandler(UseCasePipeline pipeline, PointsLedger ledger) : IUseCase<AwardPoints, PointsTransaction>
{
    public Task<Result<PointsTransaction>> HandleAsync(AwardPoints command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<PointsTransaction>(command, async (work, token) =>
        {
            var recipient = await work.FindMemberAsync(command.RecipientId, token);
            var entry = PointsAwards.Manual(work.Caller, recipient, command.Points, command.Reason, command.IdempotencyKey);
            if (entry.Value is not { } award)
            {
                return entry.Error!;
            }

            work.OnUniqueViolation(PointsLedger.IdempotencyKeyIndex, new AlreadyAwardedError("An award with this idempotency key was already made."));
            var row = (await ledger.AppendAsync(work.Caller.FamilyId, recipient!.Id, [award], token))[0];
            work.Audit.Record(
                AuditActions.PointsAwarded, work.Caller.FamilyId, work.Caller.Id, "User", recipient.Id,
                new { points = row.Delta, balanceAfter = row.BalanceAfter, reason = row.Reason, ledgerRowId = row.Id });
            work.Events.PointsAwarded(row);
            return row;
        }, cancellationToken);
    }
}
