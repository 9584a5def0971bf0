using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Recurring;

/// <summary>
/// A new series. A null <c>StartDate</c> means today in the family's time zone; a null <c>DueTime</c> means the text
/// given was not a local time HH:mm.
/// </summary>
public sealed record CreateRecurringTask(
    Guid CallerId,
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
    LocalDate? StartDate,
    LocalTime? DueTime,
    Guid? AssigneeId,
    bool AssigneeGiven) : IMemberCommand;

/// <summary>
/// A parent creates a recurring task (at most <see cref="FamilyLimits.MaxRecurringTasks"/> per family, counted under
/// the family's lock), audited; its first instance is created in the same transaction and announced after the commit.
/// </summary>
public sealed class CreateRecurringTaskHandler(UseCasePipeline pipeline) : IUseCase<CreateRecurringTask, RecurringTaskTemplate>
{
    public Task<Result<RecurringTaskTemplate>> HandleAsync(CreateRecurringTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<RecurringTaskTemplate>(command, FamilyLocking.Family, async (work, token) =>
        {
            var familyId = work.Caller.FamilyId;
            if (await work.Db.RecurringTaskTemplates.CountAsync(t => t.FamilyId == familyId && t.DeletedAt == null, token) >= FamilyLimits.MaxRecurringTasks)
            {
                return new ValidationError("title", $"A family can have at most {FamilyLimits.MaxRecurringTasks} recurring tasks; delete one first.");
            }

            User? assignee = null;
            if (command.AssigneeGiven && (assignee = await work.FindMemberAsync(command.AssigneeId, token)) is null)
            {
                return NotFoundError.Of("User");
            }

            if (command.DueTime is not { } dueTime)
            {
                return RecurringTaskWork.InvalidDueTime();
            }

            var startDate = command.StartDate ?? await work.TodayInFamilyAsync(token);
            var draft = new RecurringTaskDraft(command.Title, command.Description, command.Points, command.Priority, command.DifficultyLevel,
                command.EstimatedMinutes, command.Frequency, command.Interval, command.DaysOfWeek, command.DayOfMonth, startDate, dueTime);
            var result = RecurringTaskEditor.Create(work.Caller, draft, assignee, work.Now);
            if (result.Value is not { } template)
            {
                return result;
            }

            work.Db.RecurringTaskTemplates.Add(template);
            work.AuditRecurringTask(AuditActions.RecurringTaskCreated, template);
            await work.GenerateNextInstanceAsync(template, token);
            return template;
        }, cancellationToken);
    }
}
