using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>What happens to a member's work when they leave the family: the state machine's <c>unassign</c>.</summary>
public sealed partial class FamilyTask
{
    /// <summary>
    /// The statuses of work that goes back to the family when its assignee leaves: PENDING and IN_PROGRESS, and REJECTED
    /// because only its assignee could restart it. COMPLETED work stays assigned so a parent can still approve or reject it.
    /// </summary>
    public static IReadOnlyList<FamilyTaskStatus> HandedBackOnRemoval { get; } = [FamilyTaskStatus.Pending, FamilyTaskStatus.InProgress, FamilyTaskStatus.Rejected];

    /// <summary>
    /// When <paramref name="removed"/> has left the family (after <see cref="Membership.Remove"/> allowed
    /// <paramref name="actor"/> to remove them), hands back each of <paramref name="tasks"/> that is theirs and in a
    /// <see cref="HandedBackOnRemoval"/> status; the others are left as they are.
    /// </summary>
    /// <returns>The transitions to record, one per task handed back.</returns>
    public static IReadOnlyList<TaskTransition> HandBackWorkOf(User removed, IEnumerable<FamilyTask> tasks, User actor, Instant now)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks
            .Where(t => t.AssignedToId == removed.Id && t.DeletedAt is null && HandedBackOnRemoval.Contains(t.Status))
            .Select(t => t.Unassign(actor, removed, now) is { Value: { } transition }
                ? transition
                : throw new InvalidOperationException("The actor could not remove this member; check Membership.Remove first."))
            .ToList();
    }

    /// <summary>
    /// A parent+ hands the task of a removed assignee back to the family: it becomes an unassigned PENDING task that
    /// anyone can claim. The actor may be the removed member themself (an advisor leaving the family).
    /// </summary>
    public Result<TaskTransition> Unassign(User actor, User removed, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(removed);
        if (removed.RemovedAt is null)
        {
            throw new InvalidOperationException("Only a removed member's tasks are handed back; remove the member first.");
        }

        if (actor.FamilyId != FamilyId || removed.FamilyId != FamilyId || DeletedAt is not null)
        {
            return NotFoundError.Of("Task");
        }

        if (RequireParent(actor, "hand tasks back") is { } denied)
        {
            return denied;
        }

        if (AssignedToId != removed.Id)
        {
            return new NotAssigneeError("Only the removed member's own tasks are handed back.");
        }

        if (!HandedBackOnRemoval.Contains(Status))
        {
            return InvalidTransitionError.Of(Status, TaskActions.Unassign);
        }

        AssignedToId = null;
        StartedAt = null;
        return Move(FamilyTaskStatus.Pending, TaskActions.Unassign, actor, now, "The assignee was removed from the family.");
    }

    /// <summary>
    /// The statuses of work that goes back to the family when its assignee deletes their account: everything not yet
    /// approved. Unlike a removal, COMPLETED work is handed back too: approving it would pay an account that no longer exists.
    /// </summary>
    public static IReadOnlyList<FamilyTaskStatus> HandedBackOnErasure { get; } =
        [FamilyTaskStatus.Pending, FamilyTaskStatus.InProgress, FamilyTaskStatus.Rejected, FamilyTaskStatus.Completed];

    /// <summary>
    /// When <paramref name="erased"/> deleted their account, each of <paramref name="tasks"/> assigned to them and not yet
    /// approved becomes an unassigned PENDING task (an <c>unassign</c> transition by the leaving member themself).
    /// </summary>
    /// <returns>The transitions to record, one per task handed back.</returns>
    public static IReadOnlyList<TaskTransition> HandBackWorkOfErased(User erased, IEnumerable<FamilyTask> tasks, Instant now)
    {
        ArgumentNullException.ThrowIfNull(erased);
        ArgumentNullException.ThrowIfNull(tasks);
        var handedBack = tasks
            .Where(t => t.AssignedToId == erased.Id && t.FamilyId == erased.FamilyId && t.DeletedAt is null && HandedBackOnErasure.Contains(t.Status))
            .ToList();
        return handedBack.Select(t =>
        {
            t.AssignedToId = null;
            t.StartedAt = null;
            t.CompletedAt = null;
            return t.Move(FamilyTaskStatus.Pending, TaskActions.Unassign, erased, now, "The assignee deleted their account.");
        }).ToList();
    }
}
