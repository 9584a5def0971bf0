using GraphQL.Types;

namespace KdFamily.Graph.Notifications;

public static class NotificationMutations
{
    public static void AddNotificationMutations(this ObjectGraphType mutation)
    {
        mutation.AddMarkNotificationsRead();
        mutation.AddUpdateNotificationPreferences();
    }
}
