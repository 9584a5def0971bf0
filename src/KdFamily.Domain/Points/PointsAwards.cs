using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;

namespace KdFamily.Domain.Points;

/// <summary>The ledger rules of awards: what approving a task pays, and manual awards and deductions by parents.</summary>
public static class PointsAwards
{
    public const int MaxPoints = 10_000;
    public const int MaxReasonLength = 500;
    public const int MaxClientKeyLength = 100;

    /// <summary>
    /// What the approval of <paramref name="task"/> (already moved to APPROVED by <see cref="FamilyTask.Approve"/>) pays its
    /// assignee: one <c>task</c> row for the task's points and, when <paramref name="bonusPoints"/> is positive, one
    /// <c>approval_bonus</c> row. Their idempotency keys make a second approval of the same task pay nothing.
    /// </summary>
    public static IReadOnlyList<LedgerEntry> ForApproval(FamilyTask task, User approver, int bonusPoints)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(approver);
        if (task.Status != Tasks.FamilyTaskStatus.Approved || task.AssignedToId is null || task.ApprovedById != approver.Id)
        {
            throw new InvalidOperationException("Only a task this approver has just approved pays out; run FamilyTask.Approve first.");
        }

        List<LedgerEntry> entries =
        [
            new(task.Points, $"Task approved: {task.Title}", PointsChangeKinds.ApprovedTaskPoints, PointsLedger.ApprovalKey(task.Id), approver.Id, task.Id),
        ];
        if (bonusPoints > 0)
        {
            entries.Add(new(bonusPoints, $"Approval bonus: {task.Title}", PointsChangeKinds.ApprovalBonus, PointsLedger.BonusKey(task.Id), approver.Id, task.Id));
        }

        return entries;
    }

    /// <summary>
    /// A parent+ awards (positive) or deducts (negative) points to another current member of their family, with a reason.
    /// <paramref name="clientKey"/> makes a retried request idempotent; without one every call is a new award.
    /// </summary>
    public static Result<LedgerEntry> Manual(User actor, User? recipient, int points, string? reason, string? clientKey)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role < UserRole.Parent)
        {
            return new NotAuthorizedError("Only parents and advisors can award or deduct points.");
        }

        if (recipient is null || recipient.FamilyId != actor.FamilyId || recipient.RemovedAt is not null)
        {
            return NotFoundError.Of("User");
        }

        if (recipient.Id == actor.Id)
        {
            return new NotAuthorizedError("You cannot award points to yourself.");
        }

        if (points is 0 or < -MaxPoints or > MaxPoints)
        {
            return new ValidationError("points", $"points must be non-zero and between -{MaxPoints} and {MaxPoints}.");
        }

        if (TaskRulesReason(reason) is { } invalidReason)
        {
            return invalidReason;
        }

        if (clientKey is not null && (string.IsNullOrWhiteSpace(clientKey) || clientKey.Length > MaxClientKeyLength))
        {
            return new ValidationError("idempotencyKey", $"An idempotency key has 1 to {MaxClientKeyLength} characters.");
        }

        var key = clientKey is null ? $"manual:{Guid.CreateVersion7():N}" : $"manual:{actor.FamilyId:N}:{clientKey}";
        return new LedgerEntry(points, reason!.Trim(), PointsChangeKinds.ManualAward, key, actor.Id);
    }

    private static ValidationError? TaskRulesReason(string? reason) => TaskRules.Reason(reason, MaxReasonLength);
}
