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
        var notification = NotificationCatalogue.ForTask(kind, task, recipientId, now);
        db.Notifications.Add(notification);
        events.NotificationSent(notification);
    }
}
