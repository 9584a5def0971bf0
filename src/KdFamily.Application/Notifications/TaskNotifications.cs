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
        KdFamilyDbContext db, IFamilyEvents events, FamilyTask task, Guid recipientId, NotificationKind kind, Instant now, CancellationToken cancellationToken) =>
        Notify(db, events, task, recipientId, kind, now, await PreferencesAsync(db, recipientId, cancellationToken));

    /// <summary>The same notification to each of <paramref name="recipientIds"/>, their preferences read in one query.</summary>
    public static async Task NotifyEachAsync(
        KdFamilyDbContext db, IFamilyEvents events, FamilyTask task, IReadOnlyCollection<Guid> recipientIds, NotificationKind kind, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipientIds);
        if (recipientIds.Count == 0)
        {
            return;
        }

        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => recipientIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        foreach (var recipientId in recipientIds)
        {
            Notify(db, events, task, recipientId, kind, now, preferences.GetValueOrDefault(recipientId));
        }
    }

    /// <summary>As <see cref="NotifyAsync"/>, with the recipient's <paramref name="preferences"/> already read (null: the defaults).</summary>
    public static Notification? Notify(
        KdFamilyDbContext db, IFamilyEvents events, FamilyTask task, Guid recipientId, NotificationKind kind, Instant now, NotificationPreferences? preferences)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(task);
        if (preferences?.Mutes(kind) == true)
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
