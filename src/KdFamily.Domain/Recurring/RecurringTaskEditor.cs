using KdFamily.Domain.Dates;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Recurring;

/// <summary>Everything a parent sets on a recurring task; on update, the graph fills in unchanged values from the template.</summary>
public sealed record RecurringTaskDraft(
    string Title,
    string? Description,
    int Points,
    TaskPriority Priority,
    int DifficultyLevel,
    int? EstimatedMinutes,
    RecurrenceFrequency Frequency,
    int Interval,
    IReadOnlyList<int> DaysOfWeek,
    int? DayOfMonth,
    LocalDate StartDate,
    LocalTime DueTime)
{
    public static RecurringTaskDraft From(RecurringTaskTemplate t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Title, t.Description, t.Points, t.Priority, t.DifficultyLevel, t.EstimatedMinutes, t.Frequency, t.Interval,
            t.DaysOfWeek, t.DayOfMonth, t.StartDate, t.DueTime);
    }
}

/// <summary>The rules for creating, changing, pausing and deleting recurring tasks (parents and advisors of the family).</summary>
public static class RecurringTaskEditor
{
    public static Result<RecurringTaskTemplate> Create(User actor, RecurringTaskDraft draft, User? assignee, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Check(actor, draft, assignee) is { } error)
        {
            return error;
        }

        var template = new RecurringTaskTemplate { FamilyId = actor.FamilyId, Title = "", CreatedById = actor.Id, CreatedAt = now };
        Apply(template, draft, assignee);
        return template;
    }

    /// <summary>Replaces the definition. The next instance follows the new schedule; an open instance stays as it is.</summary>
    public static Result<RecurringTaskTemplate> Update(RecurringTaskTemplate template, User actor, RecurringTaskDraft draft, User? assignee)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(actor);
        if (template.FamilyId != actor.FamilyId || template.DeletedAt is not null)
        {
            return NotFoundError.Of("RecurringTask");
        }

        if (Check(actor, draft, assignee) is { } error)
        {
            return error;
        }

        Apply(template, draft, assignee);
        return template;
    }

    /// <summary>Pauses (no new instances) or resumes; resuming skips the occurrences that fell into the pause.</summary>
    public static Result<RecurringTaskTemplate> SetPaused(RecurringTaskTemplate template, User actor, bool paused)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(actor);
        if (template.FamilyId != actor.FamilyId || template.DeletedAt is not null)
        {
            return NotFoundError.Of("RecurringTask");
        }

        if (actor.Role < UserRole.Parent)
        {
            return new NotAuthorizedError("Only parents and advisors manage recurring tasks.");
        }

        template.IsPaused = paused;
        return template;
    }

    /// <summary>Soft-deletes the template: no further instances. Instances created already stay ordinary tasks.</summary>
    public static Result<RecurringTaskTemplate> Delete(RecurringTaskTemplate template, User actor, Instant now)
    {
        var result = SetPaused(template!, actor, paused: true);
        if (result.IsSuccess)
        {
            template.DeletedAt = now;
        }

        return result;
    }

    /// <summary>
    /// When <paramref name="removed"/> has left the family, the series assigned to them go back to the family: their
    /// next instances are open for anyone to claim instead of waiting, forever, for someone who can no longer start them.
    /// </summary>
    /// <returns>The templates changed.</returns>
    public static IReadOnlyList<RecurringTaskTemplate> HandBackSeriesOf(User removed, IEnumerable<RecurringTaskTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(templates);
        if (removed.RemovedAt is null)
        {
            throw new InvalidOperationException("Only a removed member's series are handed back; remove the member first.");
        }

        var handedBack = templates.Where(t => t.AssignedToId == removed.Id && t.FamilyId == removed.FamilyId && t.DeletedAt is null).ToList();
        handedBack.ForEach(t => t.AssignedToId = null);
        return handedBack;
    }

    private static DomainError? Check(User actor, RecurringTaskDraft draft, User? assignee)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (actor.Role < UserRole.Parent)
        {
            return new NotAuthorizedError("Only parents and advisors manage recurring tasks.");
        }

        if (assignee is not null && (assignee.FamilyId != actor.FamilyId || assignee.RemovedAt is not null))
        {
            return NotFoundError.Of("User");
        }

        // A template's instances are tasks: the task rules apply to the fields they share.
        var invalidTask = TaskRules.Title(draft.Title) ?? TaskRules.Description(draft.Description) ?? TaskRules.Points(draft.Points)
            ?? TaskRules.Difficulty(draft.DifficultyLevel) ?? TaskRules.Minutes("estimatedMinutes", draft.EstimatedMinutes);
        return invalidTask ?? draft switch
        {
            { Interval: < 1 or > RecurrenceSchedule.MaxInterval } => new ValidationError("interval", $"The interval must be between 1 and {RecurrenceSchedule.MaxInterval}."),
            { Frequency: RecurrenceFrequency.Weekly } when draft.DaysOfWeek.Any(d => d is < 1 or > 7) =>
                new ValidationError("daysOfWeek", "Weekdays are ISO numbers from 1 (Monday) to 7 (Sunday)."),
            { Frequency: RecurrenceFrequency.Monthly, DayOfMonth: < 1 or > 31 } => new ValidationError("dayOfMonth", "The day of the month must be between 1 and 31."),
            { StartDate: var start } when !SupportedDates.Contains(start) => new ValidationError("startDate", $"The start date must be {SupportedDates.Range}."),
            _ => CheckFirstOccurrence(draft),
        };
    }

    /// <summary>A template is only saved when its first occurrence can be computed and lies in the supported range.</summary>
    private static ValidationError? CheckFirstOccurrence(RecurringTaskDraft draft)
    {
        var schedule = new RecurrenceSchedule(draft.Frequency, draft.Interval, draft.DaysOfWeek, draft.DayOfMonth, draft.StartDate, draft.DueTime);
        return schedule.NextOnOrAfter(draft.StartDate) > SupportedDates.Max
            ? new ValidationError("startDate", $"The first occurrence must fall {SupportedDates.Range}.")
            : null;
    }

    private static void Apply(RecurringTaskTemplate template, RecurringTaskDraft draft, User? assignee)
    {
        template.Title = draft.Title.Trim();
        template.Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim();
        template.Points = draft.Points;
        template.Priority = draft.Priority;
        template.DifficultyLevel = draft.DifficultyLevel;
        template.EstimatedMinutes = draft.EstimatedMinutes;
        template.AssignedToId = assignee?.Id;
        template.Frequency = draft.Frequency;
        template.Interval = draft.Interval;
        template.DaysOfWeek = draft.Frequency == RecurrenceFrequency.Weekly ? [.. draft.DaysOfWeek.Distinct().Order()] : [];
        template.DayOfMonth = draft.Frequency == RecurrenceFrequency.Monthly ? draft.DayOfMonth : null;
        template.StartDate = draft.StartDate;
        template.DueTime = draft.DueTime;
    }
}
