using KdFamily.Domain.Notifications;
using NodaTime;

namespace KdFamily.Domain.Reminders;

/// <summary>
/// A reminder that was sent (or decided, when the recipient muted its kind): at most one per task, kind and due date,
/// enforced by the unique index <see cref="TaskReminderRules.ReminderKeyIndex"/>, so two job instances and a restart
/// can't send it twice. A new due date is a new key: the reminders are armed again.
/// </summary>
public sealed class TaskReminder
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public NotificationKind Kind { get; set; }
    public Instant DueDate { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The notification created; null when the recipient had muted the kind.</summary>
    public Guid? NotificationId { get; set; }

    public Instant SentAt { get; set; }
}
