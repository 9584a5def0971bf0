using KdFamily.Domain.Errors;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>The task state machine of DESIGN §4. Each action guards first, changes nothing on failure, and returns the transition to record.</summary>
public sealed partial class FamilyTask
{
    /// <summary>A parent+ creates a PENDING task in their own family, optionally assigned to a current member.</summary>
    public static Result<TaskCreation> Create(User actor, TaskDetails details, User? assignee, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(details);
        if (actor.Role < UserRole.Parent)
        {
            return new NotAuthorizedError("Only parents and advisors can create tasks.");
        }

        if (TaskRules.Validate(details) is { } invalid)
        {
            return invalid;
        }

        if (assignee is not null && !IsCurrentMember(assignee, actor.FamilyId))
        {
            return NotFoundError.Of("User");
        }

        var task = new FamilyTask
        {
            FamilyId = actor.FamilyId,
            Title = details.Title.Trim(),
            Description = details.Description,
            Points = details.Points,
            DueDate = details.DueDate,
            Priority = details.Priority,
            DifficultyLevel = details.DifficultyLevel,
            EstimatedMinutes = details.EstimatedMinutes,
            Status = FamilyTaskStatus.Pending,
            AssignedToId = assignee?.Id,
            CreatedById = actor.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return new TaskCreation(task, task.Record(null, TaskActions.Create, actor.Id, now));
    }

    /// <summary>
    /// The instance of a recurring template for one occurrence: a PENDING task with the template's details, created on
    /// behalf of the template's creator (the template was checked by <see cref="RecurringTaskEditor"/> when it was saved).
    /// </summary>
    public static TaskCreation CreateOccurrence(RecurringTaskTemplate template, LocalDate occurrence, Instant dueDate, Instant now)
    {
        ArgumentNullException.ThrowIfNull(template);
        var task = new FamilyTask
        {
            FamilyId = template.FamilyId,
            RecurringTemplateId = template.Id,
            OccurrenceDate = occurrence,
            TaskTypeId = template.TaskTypeId,
            Title = template.Title,
            Description = template.Description,
            Status = FamilyTaskStatus.Pending,
            Priority = template.Priority,
            AssignedToId = template.AssignedToId,
            CreatedById = template.CreatedById,
            Points = template.Points,
            DifficultyLevel = template.DifficultyLevel,
            EstimatedMinutes = template.EstimatedMinutes,
            DueDate = dueDate,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return new TaskCreation(task, task.Record(null, TaskActions.Create, template.CreatedById, now, $"occurrence {occurrence:uuuu-MM-dd}"));
    }

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

/// <summary>A new task and the transition that records its creation.</summary>
public sealed record TaskCreation(FamilyTask Task, TaskTransition Transition);
