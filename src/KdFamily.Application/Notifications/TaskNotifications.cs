using KdFamily.Application.Events;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using NodaTime;

namespace KdFamily.Application.Notifications;

/// <summary>
/// Persists the notifications of workflow steps in the step's unit of work, so they commit with it, and records their
/// notificationReceived events (published after the commit).
/// </summary>
public static class TaskNotifications
{
    public static void Notify(KdFamilyDbContext db, IFamilyEvents events, FamilyTask task, Guid recipientId, NotificationKind kind, Instant now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(task);
        var (title, body) = kind switch
        {
            NotificationKind.TaskAssigned => ("New task for you", $"You were assigned \"{task.Title}\"."),
            NotificationKind.TaskApproved => ("Task approved", $"\"{task.Title}\" was approved: +{task.Points} points."),
            NotificationKind.TaskRejected => ("Task needs another look", $"\"{task.Title}\" was rejected: {task.RejectionReason}"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a task notification."),
        };
        var notification = new Notification
        {
            UserId = recipientId,
            FamilyId = task.FamilyId,
            Kind = kind,
            Title = title,
            Body = body,
            TaskId = task.Id,
            CreatedAt = now,
        };
        db.Notifications.Add(notification);
        events.NotificationSent(notification);
    }
}
