using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>The task state machine of DESIGN §4. Each action guards first, changes nothing on failure, and returns the transition to record.</summary>
public sealed partial class FamilyTask
{
    /// <summary>Any member takes an open (PENDING, unassigned) task; losing a claim race is <see cref="AlreadyAssignedError"/>.</summary>
    public Result<TaskTransition> Claim(User actor, Instant now)
    {
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        if (Status != FamilyTaskStatus.Pending)
        {
            return InvalidTransitionError.Of(Status, TaskActions.Claim);
        }

        if (AssignedToId is not null)
        {
            return new AlreadyAssignedError(AssignedToId == actor.Id ? "You have already claimed this task." : "Someone else has already claimed this task.");
        }

        AssignedToId = actor.Id;
        return Move(FamilyTaskStatus.Pending, TaskActions.Claim, actor, now);
    }

    /// <summary>A parent+ assigns or reassigns a PENDING task to a current member of the family.</summary>
    public Result<TaskTransition> Assign(User actor, User assignee, Instant now)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        if (FirstError(Visible(actor), RequireParent(actor, "assign tasks")) is { } denied)
        {
            return denied;
        }

        if (!IsCurrentMember(assignee, FamilyId))
        {
            return NotFoundError.Of("User");
        }

        if (Status != FamilyTaskStatus.Pending)
        {
            return InvalidTransitionError.Of(Status, TaskActions.Assign);
        }

        var previous = AssignedToId;
        AssignedToId = assignee.Id;
        return Move(FamilyTaskStatus.Pending, TaskActions.Assign, actor, now, previous is { } p && p != assignee.Id ? $"reassigned from {p}" : null);
    }

    /// <summary>The assignee starts a PENDING task assigned to them, or restarts REJECTED work.</summary>
    public Result<TaskTransition> Start(User actor, Instant now)
    {
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        if (Status is not (FamilyTaskStatus.Pending or FamilyTaskStatus.Rejected))
        {
            return InvalidTransitionError.Of(Status, TaskActions.Start);
        }

        if (AssignedToId != actor.Id)
        {
            return new NotAssigneeError(AssignedToId is null ? "Claim the task before starting it." : "Only the task's assignee can start it.");
        }

        StartedAt = now;
        CompletedAt = null;
        return Move(FamilyTaskStatus.InProgress, TaskActions.Start, actor, now);
    }

    /// <summary>The assignee completes IN_PROGRESS work, optionally reporting the minutes spent.</summary>
    public Result<TaskTransition> Complete(User actor, int? actualMinutes, Instant now)
    {
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        if (TaskRules.Minutes("actualMinutes", actualMinutes) is { } invalid)
        {
            return invalid;
        }

        if (Status != FamilyTaskStatus.InProgress)
        {
            return InvalidTransitionError.Of(Status, TaskActions.Complete);
        }

        if (AssignedToId != actor.Id)
        {
            return new NotAssigneeError("Only the task's assignee can complete it.");
        }

        ActualMinutes = actualMinutes ?? ActualMinutes;
        CompletedAt = now;
        return Move(FamilyTaskStatus.Completed, TaskActions.Complete, actor, now);
    }

    /// <summary>A parent+ other than the assignee approves COMPLETED work; the caller then awards <see cref="Points"/> (+ bonus) once.</summary>
    public Result<TaskTransition> Approve(User actor, int bonusPoints, Instant now)
    {
        if (FirstError(Visible(actor), RequireParent(actor, "approve tasks"), TaskRules.Points(bonusPoints, "bonusPoints")) is { } denied)
        {
            return denied;
        }

        if (Status != FamilyTaskStatus.Completed || AssignedToId is null)
        {
            return InvalidTransitionError.Of(Status, TaskActions.Approve);
        }

        if (AssignedToId == actor.Id)
        {
            return new SelfApprovalError("You cannot approve your own task; another parent or advisor must.");
        }

        ApprovedById = actor.Id;
        ApprovedAt = now;
        return Move(FamilyTaskStatus.Approved, TaskActions.Approve, actor, now, bonusPoints > 0 ? $"bonus {bonusPoints}" : null);
    }

    /// <summary>A parent+ other than the assignee rejects COMPLETED work with a reason; the assignee can start again.</summary>
    public Result<TaskTransition> Reject(User actor, string? reason, Instant now)
    {
        if (FirstError(Visible(actor), RequireParent(actor, "reject tasks"), TaskRules.Reason(reason)) is { } denied)
        {
            return denied;
        }

        if (Status != FamilyTaskStatus.Completed)
        {
            return InvalidTransitionError.Of(Status, TaskActions.Reject);
        }

        if (AssignedToId == actor.Id)
        {
            return new SelfApprovalError("You cannot reject your own task; another parent or advisor must review it.");
        }

        RejectedAt = now;
        RejectionReason = reason!.Trim();
        return Move(FamilyTaskStatus.Rejected, TaskActions.Reject, actor, now, RejectionReason);
    }

    /// <summary>A parent+ edits a task that is not yet APPROVED.</summary>
    public Result<TaskTransition> Update(User actor, TaskEdit edit, Instant now)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (FirstError(Visible(actor), RequireParent(actor, "edit tasks"), TaskRules.Validate(edit)) is { } denied)
        {
            return denied;
        }

        if (Status == FamilyTaskStatus.Approved)
        {
            return InvalidTransitionError.Of(Status, TaskActions.Update);
        }

        Title = edit.Title is { } title ? title.Value.Trim() : Title;
        Description = edit.Description is { } description ? description.Value : Description;
        Points = edit.Points?.Value ?? Points;
        DueDate = edit.DueDate is { } due ? due.Value : DueDate;
        Priority = edit.Priority?.Value ?? Priority;
        DifficultyLevel = edit.DifficultyLevel?.Value ?? DifficultyLevel;
        EstimatedMinutes = edit.EstimatedMinutes is { } minutes ? minutes.Value : EstimatedMinutes;
        TaskTypeId = edit.TaskTypeId is { } type ? type.Value : TaskTypeId;
        return Move(Status, TaskActions.Update, actor, now);
    }

    /// <summary>A parent+ soft-deletes a task that is not APPROVED (approved work stays, with its points).</summary>
    public Result<TaskTransition> Delete(User actor, Instant now)
    {
        if (FirstError(Visible(actor), RequireParent(actor, "delete tasks")) is { } denied)
        {
            return denied;
        }

        if (Status == FamilyTaskStatus.Approved)
        {
            return InvalidTransitionError.Of(Status, TaskActions.Delete);
        }

        DeletedAt = now;
        return Move(Status, TaskActions.Delete, actor, now);
    }

    private static DomainError? FirstError(params DomainError?[] errors) => errors.FirstOrDefault(e => e is not null);

    private static bool IsCurrentMember(User user, Guid familyId) => user.FamilyId == familyId && user.RemovedAt is null;

    private static NotAuthorizedError? RequireParent(User actor, string what) =>
        actor.Role < UserRole.Parent ? new NotAuthorizedError($"Only parents and advisors can {what}.") : null;

    /// <summary>Other families' and deleted tasks, and removed actors, look like missing tasks (no existence oracle).</summary>
    private NotFoundError? Visible(User actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return IsCurrentMember(actor, FamilyId) && DeletedAt is null ? null : NotFoundError.Of("Task");
    }

    private TaskTransition Move(FamilyTaskStatus to, string action, User actor, Instant now, string? note = null)
    {
        var from = Status;
        Status = to;
        UpdatedAt = now;
        return Record(from, action, actor.Id, now, note);
    }

    private TaskTransition Record(FamilyTaskStatus? from, string action, Guid actorId, Instant now, string? note = null) => new()
    {
        TaskId = Id,
        FromStatus = from,
        ToStatus = Status,
        Action = action,
        ActorId = actorId,
        Note = note,
        At = now,
    };
}
