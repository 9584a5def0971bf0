using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Application.Recurring;

/// <summary>
/// Changes to a series; null fields keep their value. With <c>DueTimeGiven</c>, a null <c>DueTime</c> means the text
/// given was not a local time HH:mm; with <c>AssigneeGiven</c>, a null <c>AssigneeId</c> means a malformed id.
/// <c>Unassign</c> wins over an assignee given.
/// </summary>
public sealed record UpdateRecurringTask(
    Guid CallerId,
    Guid? TemplateId,
    string? Title,
    string? Description,
    int? Points,
    TaskPriority? Priority,
    int? DifficultyLevel,
    int? EstimatedMinutes,
    RecurrenceFrequency? Frequency,
    int? Interval,
    IReadOnlyList<int>? DaysOfWeek,
    int? DayOfMonth,
    LocalDate? StartDate,
    LocalTime? DueTime,
    bool DueTimeGiven,
    Guid? AssigneeId,
    bool AssigneeGiven,
    bool Unassign) : IMemberCommand;

/// <summary>
/// A parent changes a recurring task, audited; open instances stay as they are, and the next instance
/// (if one is due now, created in the same transaction) follows the new definition.
/// </summary>
public sealed class UpdateRecurringTaskHandler(UseCasePipeline pipeline) : IUseCase<UpdateRecurringTask, RecurringTaskTemplate>
{
    public Task<Result<RecurringTaskTemplate>> HandleAsync(UpdateRecurringTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<RecurringTaskTemplate>(command, async (work, token) =>
        {
            if (await work.FindRecurringTaskAsync(command.TemplateId, token) is not { } template)
            {
                return RecurringTaskWork.RecurringTaskNotFound();
            }

            var assigneeId = command.Unassign ? null : command.AssigneeGiven ? command.AssigneeId : template.AssignedToId;
            User? assignee = null;
            if ((command.AssigneeGiven && !command.Unassign && assigneeId is null)
                || (assigneeId is not null && (assignee = await work.FindMemberAsync(assigneeId, token)) is null))
            {
                return NotFoundError.Of("User");
            }

            var current = RecurringTaskDraft.From(template);
            var dueTime = command.DueTimeGiven ? command.DueTime : current.DueTime;
            if (dueTime is null)
            {
                return RecurringTaskWork.InvalidDueTime();
            }

            var draft = current with
            {
                Title = command.Title ?? current.Title,
                Description = command.Description ?? current.Description,
                Points = command.Points ?? current.Points,
                Frequency = command.Frequency ?? current.Frequency,
                Interval = command.Interval ?? current.Interval,
                DaysOfWeek = command.DaysOfWeek ?? current.DaysOfWeek,
                DayOfMonth = command.DayOfMonth ?? current.DayOfMonth,
                StartDate = command.StartDate ?? current.StartDate,
                DueTime = dueTime.Value,
                Priority = command.Priority ?? current.Priority,
                DifficultyLevel = command.DifficultyLevel ?? current.DifficultyLevel,
                EstimatedMinutes = command.EstimatedMinutes ?? current.EstimatedMinutes,
            };
            var result = RecurringTaskEditor.Update(template, work.Caller, draft, assignee);
            if (result.IsSuccess)
            {
                work.AuditRecurringTask(AuditActions.RecurringTaskUpdated, template);
                await work.GenerateNextInstanceAsync(template, token);
            }

            return result;
        }, cancellationToken);
    }
}
