using KdFamily.Application.Notifications;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Reminders;

/// <summary>One reminder of a task for its due date (a unit of the reminder job).</summary>
public sealed record SendTaskReminder(Guid TaskId, NotificationKind Kind, Instant DueDate);

/// <summary>Nothing to send: the task was done, deleted, unassigned or moved to another due date since it was listed, or its assignee is away today.</summary>
public sealed record NoReminderDueError() : DomainError("NO_REMINDER_DUE", "This task has no reminder to send now.");

/// <summary>The recipient's quiet hours: nothing is written, so a later tick sends it once they end.</summary>
public sealed record QuietHoursError() : DomainError("QUIET_HOURS", "The recipient's quiet hours: the reminder waits until they end.");

/// <summary>Another job instance (or an earlier run) sent this reminder already: the unique key refused a second one.</summary>
public sealed record AlreadyRemindedError() : DomainError("ALREADY_REMINDED", "This reminder was sent already.");

/// <summary>
/// Sends one reminder in its own unit of work: judged again against the task as it is now, held back during the
/// recipient's quiet hours (the family's wall clock), recorded under its unique (task, kind, due date) key together with
/// the notification (unless the recipient muted the kind), so it goes out exactly once. TASK_OVERDUE also announces
/// taskUpdated: the task's isOverdue changed.
/// </summary>
public sealed class SendTaskReminderHandler(UseCasePipeline pipeline) : IUseCase<SendTaskReminder, TaskReminder>
{
    public Task<Result<TaskReminder>> HandleAsync(SendTaskReminder command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<TaskReminder>(async (work, token) =>
        {
            work.OnUniqueViolation(TaskReminderRules.ReminderKeyIndex, new AlreadyRemindedError());
            var task = await work.Db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == command.TaskId, token);
            if (task is null || task.DueDate != command.DueDate)
            {
                return new NoReminderDueError();
            }

            var family = await work.Db.Families.AsNoTracking().Where(f => f.Id == task.FamilyId)
                .Select(f => new { f.TimeZone, f.ReminderLeadMinutes }).SingleAsync(token);
            var familyClock = work.Now.InZone(FamilyWeek.Zone(family.TimeZone));
            if (TaskReminderRules.DueAt(task, family.ReminderLeadMinutes, work.Now) != command.Kind
                || await ReminderRecipients.FindAsync(work.Db, task, familyClock.Date, token) is not { } recipient)
            {
                return new NoReminderDueError();
            }

            var preferences = await TaskNotifications.PreferencesAsync(work.Db, recipient.Id, token);
            if (preferences?.IsQuietAt(familyClock.TimeOfDay) == true)
            {
                return new QuietHoursError();
            }

            var notification = TaskNotifications.Notify(work.Db, work.Events, task, recipient.Id, command.Kind, work.Now, preferences);
            var reminder = new TaskReminder
            {
                TaskId = task.Id,
                Kind = command.Kind,
                DueDate = command.DueDate,
                UserId = recipient.Id,
                NotificationId = notification?.Id,
                SentAt = work.Now,
            };
            work.Db.TaskReminders.Add(reminder);
            if (command.Kind == NotificationKind.TaskOverdue)
            {
                work.Events.TaskChanged(task, TaskReminderRules.OverdueEvent);
            }

            return reminder;
        }, cancellationToken);
    }
}
