using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using KdFamily.Application.Notifications;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;

namespace KdFamily.Graph.Notifications;

public sealed class NotificationPreferencesType : ObjectGraphType<NotificationPreferences>
{
    public NotificationPreferencesType()
    {
        Name = "NotificationPreferences";
        Description = "What a user wants to hear about, and when reminders should wait.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationKindType>>>>("mutedKinds")
            .Description("Kinds of notification that are not created for the user at all (task kinds only).")
            .ListSize(NotificationPreferences.MutableKinds.Count)
            .Resolve(c => c.Source.MutedKinds);
        Field<StringGraphType>("quietHoursStart")
            .Description("Start of the quiet hours (HH:mm, family time zone), when reminders wait; null when the user has none.")
            .Resolve(c => UpdateNotificationPreferencesHandler.Format(c.Source.QuietHoursStart));
        Field<StringGraphType>("quietHoursEnd")
            .Description("End of the quiet hours (HH:mm, excluded); earlier than the start when they span midnight.")
            .Resolve(c => UpdateNotificationPreferencesHandler.Format(c.Source.QuietHoursEnd));
    }
}

/// <summary>`User.notificationPreferences`: private like the user's notifications, so null on any user but the caller.</summary>
public static class UserNotificationPreferencesField
{
    public static void AddNotificationPreferences(this ObjectGraphType<User> user) =>
        user.Field<NotificationPreferencesType>("notificationPreferences")
            .Description("The user's notification preferences (the defaults until they choose). Only on the caller (`me`); null on other users.")
            .Resolve(c => c.Source.Id == c.User.GetUserId()
                ? c.DataLoader<NotificationPreferencesByUserIdDataLoader>().LoadAsync(c.Source.Id).Then(p => p ?? NotificationPreferences.Default(c.Source.Id))
                : null);
}
