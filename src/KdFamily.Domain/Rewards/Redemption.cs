using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Rewards;

/// <summary>
/// A member spending points on a reward. The points are held when it is requested (a <c>redemption</c> ledger row) and
/// given back when it is rejected or cancelled (a <c>redemption_refund</c> row); approval only decides.
/// <list type="table">
/// <item>request (any member, for themselves) → REQUESTED, or APPROVED at once when the reward needs no approval</item>
/// <item>REQUESTED — approve (parent+, not the requester) → APPROVED</item>
/// <item>REQUESTED — reject with a reason (parent+, not the requester) → REJECTED, refunded</item>
/// <item>REQUESTED — cancel (the requester) → CANCELLED, refunded</item>
/// </list>
/// Each action guards first and changes nothing when it refuses.
/// </summary>
public sealed class Redemption
{
    /// <summary>A new redemption with a fresh id.</summary>
    public Redemption() => Id = Guid.CreateVersion7();

    /// <summary>A redemption read from the database: EF Core binds <paramref name="id"/>.</summary>
    public Redemption(Guid id) => Id = id;

    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public Guid RewardId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The points held, as the reward cost when it was requested.</summary>
    public int Cost { get; set; }

    public RedemptionStatus Status { get; set; }
    public Instant RequestedAt { get; set; }
    public Instant? DecidedAt { get; set; }

    /// <summary>The parent who approved or rejected it; null while REQUESTED, when cancelled, and when approved at once.</summary>
    public Guid? DecidedById { get; set; }

    /// <summary>Why it was rejected.</summary>
    public string? Reason { get; set; }

    /// <summary>PostgreSQL's xmin, used as an optimistic concurrency token: of racing decisions, one wins.</summary>
    public uint Version { get; private set; }

    /// <summary>Whether the points it holds go back to the member (it was rejected or cancelled).</summary>
    public bool IsRefunded => Status is RedemptionStatus.Rejected or RedemptionStatus.Cancelled;

    /// <summary>
    /// <paramref name="actor"/> redeems <paramref name="reward"/> for themselves, with <paramref name="balance"/> points
    /// (read under the ledger's lock for the actor). The caller then holds the points and takes one from stock; both
    /// must succeed in the same transaction.
    /// </summary>
    public static Result<Redemption> Request(User actor, Reward reward, int balance, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(reward);
        if (reward.FamilyId != actor.FamilyId || reward.Archived || actor.RemovedAt is not null)
        {
            return NotFoundError.Of("Reward");
        }

        if (balance < reward.Cost)
        {
            return InsufficientPointsError.Of(balance, reward.Cost);
        }

        if (reward.Stock is <= 0)
        {
            return new OutOfStockError($"\"{reward.Name}\" is out of stock.");
        }

        var redemption = new Redemption
        {
            FamilyId = reward.FamilyId,
            RewardId = reward.Id,
            UserId = actor.Id,
            Cost = reward.Cost,
            Status = RedemptionStatus.Requested,
            RequestedAt = now,
        };
        if (!reward.RequiresApproval)
        {
            redemption.Status = RedemptionStatus.Approved;
            redemption.DecidedAt = now;
        }

        return redemption;
    }

    /// <summary>A parent+ other than the requester grants a REQUESTED redemption (the points stay spent).</summary>
    public Result<Redemption> Approve(User actor, Instant now)
    {
        if (Decider(actor, RedemptionAction.Approve) is { } denied)
        {
            return denied;
        }

        return Decide(RedemptionStatus.Approved, actor, null, now);
    }

    /// <summary>A parent+ other than the requester refuses a REQUESTED redemption with a reason; the caller refunds it.</summary>
    public Result<Redemption> Reject(User actor, string? reason, Instant now)
    {
        if (Decider(actor, RedemptionAction.Reject, reason) is { } denied)
        {
            return denied;
        }

        return Decide(RedemptionStatus.Rejected, actor, reason!.Trim(), now);
    }

    /// <summary>The requester withdraws a REQUESTED redemption; the caller refunds it.</summary>
    public Result<Redemption> Cancel(User actor, Instant now)
    {
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        if (actor.Id != UserId)
        {
            return new NotAuthorizedError("Only the member who asked for a redemption can cancel it.");
        }

        if (Status != RedemptionStatus.Requested)
        {
            return RedemptionInvalidTransitionError.Of(Status, RedemptionAction.Cancel);
        }

        Status = RedemptionStatus.Cancelled;
        DecidedAt = now;
        return this;
    }

    private DomainError? Decider(User actor, RedemptionAction action, string? reason = null)
    {
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        if (actor.Role < UserRole.Parent)
        {
            return new NotAuthorizedError("Only parents and advisors decide on redemptions.");
        }

        if (action == RedemptionAction.Reject && Rejection(reason) is { } invalid)
        {
            return invalid;
        }

        if (Status != RedemptionStatus.Requested)
        {
            return RedemptionInvalidTransitionError.Of(Status, action);
        }

        return actor.Id == UserId ? new SelfApprovalError("You cannot decide on your own redemption; another parent or advisor must.") : null;
    }

    private Redemption Decide(RedemptionStatus to, User actor, string? reason, Instant now)
    {
        Status = to;
        DecidedAt = now;
        DecidedById = actor.Id;
        Reason = reason;
        return this;
    }

    /// <summary>Another family's redemption, or a removed actor, looks like a missing one (no existence oracle).</summary>
    private NotFoundError? Visible(User actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.FamilyId == FamilyId && actor.RemovedAt is null ? null : NotFoundError.Of("Redemption");
    }

    private static ValidationError? Rejection(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? new("reason", "A reason is required.")
        : reason.Trim().Length > RewardLimits.MaxReasonLength ? new("reason", $"A reason has at most {RewardLimits.MaxReasonLength} characters.")
        : null;
}
