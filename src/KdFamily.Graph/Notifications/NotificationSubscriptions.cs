using GraphQL.Types;
using KdFamily.Domain.Notifications;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Notifications;

public static class NotificationSubscriptions
{
    public static void AddNotificationSubscriptions(this ObjectGraphType subscription) =>
        subscription.AddUserSubscription<NotificationType, NotificationEvent, Notification>(
            "notificationReceived",
            Topics.NotificationReceived,
            "A notification for the caller was just stored (task assigned, approved or rejected, achievement unlocked, member joined).",
            (_, userId) => async (loaders, e, cancellationToken) =>
                await loaders.GetLoader<NotificationByIdDataLoader>().LoadAsync(e.NotificationId).GetResultAsync(cancellationToken) is { } notification
                && notification.UserId == userId
                    ? notification
                    : null);
}
