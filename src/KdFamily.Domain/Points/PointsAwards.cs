using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;

namespace KdFamily.Domain.Points;

/// <summary>The rules of manual awards and deductions by parents.</summary>
public static class PointsAwards
{
    public const int MaxPoints = 10_000;
    public const int MaxReasonLength = 500;
    public const int MaxClientKeyLength = 100;

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
        return new LedgerEntry(points, reason!.Trim(), PointsLedger.ManualBonusType, key, actor.Id);
    }

    private static ValidationError? TaskRulesReason(string? reason) => Tasks.TaskRules.Reason(reason, MaxReasonLength);
}
