using KdFamily.Application.Events;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Notifications;

/// <summary>
/// Persists the notifications about tasks in the step's unit of work, so they commit with it, and records their
/// notificationReceived events (published after the commit). The one place task notifications are created, so the
/// one place a recipient's muted kinds are honoured: a muted notification is not created at all.
/// </summary>
public static class TaskNotifications
{
    /// <returns>The notification, or null when <paramref name="recipientId"/> muted <paramref name="kind"/>.</returns>
    public static async Task<Notification?> NotifyAsync(
        KdFamilyDbContext db, IFamilyEvents events, FamilyTask task, Guid recipientId, NotificationKind kind, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(task);
        if (await PreferencesAsync(db, recipientId, cancellationToken) is { } preferences && preferences.Mutes(kind))
        {
            return null;
        }

        var notification = NotificationCatalogue.ForTask(kind, task, recipientId, now);
        db.Notifications.Add(notification);
        events.NotificationSent(notification);
        return notification;
    }

    /// <summary>The user's stored preferences; null for a user who never chose (the defaults).</summary>
    public static Task<NotificationPreferences?> PreferencesAsync(KdFamilyDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
    }
}
