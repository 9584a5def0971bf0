using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using NodaTime;

namespace KdFamily.Domain.Reminders;

/// <summary>
/// When a task's assignee hears about its due date: one TASK_DUE_SOON from the family's lead time before the due date
/// until it, then one TASK_OVERDUE once it has passed, while the work is still to do (not COMPLETED or APPROVED). A
/// TASK_DUE_SOON that could not go out before the due date (quiet hours) is not sent late: TASK_OVERDUE follows.
/// </summary>
public static class TaskReminderRules
{
    /// <summary>The unique index on (task, kind, due date): one reminder per key, whoever sends it.</summary>
    public const string ReminderKeyIndex = "ix_task_reminders_task_id_kind_due_date";

    /// <summary>The action a taskUpdated carries when a task becomes overdue (not a workflow transition: nothing changed but the time).</summary>
    public const string OverdueEvent = "overdue";

    /// <summary>A new family's lead time: TASK_DUE_SOON two hours before the due date.</summary>
    public const int DefaultLeadMinutes = 120;

    /// <summary>0 sends no TASK_DUE_SOON at all (only TASK_OVERDUE).</summary>
    public const int MinLeadMinutes = 0;

    /// <summary>A week: earlier than that is not "soon".</summary>
    public const int MaxLeadMinutes = 7 * 24 * 60;

    /// <summary>The reminder <paramref name="task"/> is due for at <paramref name="now"/>, if any (sent or not: the caller checks that).</summary>
    public static NotificationKind? DueAt(FamilyTask task, int leadMinutes, Instant now)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.DueDate is not { } due || task.AssignedToId is null || !FamilyTask.AwaitsWork(task.Status))
        {
            return null;
        }

        if (due < now)
        {
            return NotificationKind.TaskOverdue;
        }

        return now < due && due - Duration.FromMinutes(leadMinutes) <= now ? NotificationKind.TaskDueSoon : null;
    }
}
