using KdFamily.Domain.Errors;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>How tasks come into being: created by a parent, or generated as a recurring template's occurrence. Both write a <c>create</c> transition.</summary>
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
            TaskTypeId = details.TaskTypeId,
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
    /// When the template's assignee is away on the occurrence's date the instance is unassigned, open for claiming.
    /// </summary>
    public static TaskCreation CreateOccurrence(RecurringTaskTemplate template, LocalDate occurrence, Instant dueDate, bool assigneeAway, Instant now)
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
            AssignedToId = assigneeAway ? null : template.AssignedToId,
            CreatedById = template.CreatedById,
            Points = template.Points,
            DifficultyLevel = template.DifficultyLevel,
            EstimatedMinutes = template.EstimatedMinutes,
            DueDate = dueDate,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var note = assigneeAway ? $"occurrence {occurrence:uuuu-MM-dd}, open for claiming: the assignee is away" : $"occurrence {occurrence:uuuu-MM-dd}";
        return new TaskCreation(task, task.Record(null, TaskActions.Create, template.CreatedById, now, note));
    }
}

/// <summary>A new task and the transition that records its creation.</summary>
public sealed record TaskCreation(FamilyTask Task, TaskTransition Transition);
