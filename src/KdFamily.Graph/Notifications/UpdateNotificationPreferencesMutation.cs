using GraphQL.Types;
using KdFamily.Application.Notifications;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Notifications;

public sealed record UpdateNotificationPreferencesInput(List<NotificationKind>? MutedKinds = null, string? QuietHoursStart = null, string? QuietHoursEnd = null);

public sealed class UpdateNotificationPreferencesInputType : InputObjectGraphType<UpdateNotificationPreferencesInput>
{
    public UpdateNotificationPreferencesInputType()
    {
        Name = "UpdateNotificationPreferencesInput";
        Description = "The caller's notification preferences as a whole: what is left out is reset (nothing muted, no quiet hours).";
        Field<ListGraphType<NonNullGraphType<NotificationKindType>>>("mutedKinds")
            .Description("Task notification kinds not to create for the caller at all (the TASK_ kinds); none when left out.");
        Field<StringGraphType>("quietHoursStart")
            .Description("Start of the quiet hours, HH:mm in the family's time zone: reminders that fall in them wait until they end. Give both ends or neither.");
        Field<StringGraphType>("quietHoursEnd")
            .Description("End of the quiet hours (HH:mm, excluded); earlier than the start to span midnight (22:00 to 07:00).");
    }
}

public sealed class UpdateNotificationPreferencesErrorType() : ErrorUnionGraphType(
    "updateNotificationPreferences", typeof(NotFoundErrorType), typeof(ValidationErrorType));

public sealed class UpdateNotificationPreferencesPayloadType()
    : PayloadGraphType<NotificationPreferences, NotificationPreferencesType, UpdateNotificationPreferencesErrorType>(
        "updateNotificationPreferences", "notificationPreferences", "The caller's preferences as they are now.");

public static class UpdateNotificationPreferencesMutation
{
    public static void AddUpdateNotificationPreferences(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UpdateNotificationPreferencesPayloadType, UpdateNotificationPreferencesInputType, UpdateNotificationPreferences, NotificationPreferences>(
            "updateNotificationPreferences",
            "Sets the caller's own notification preferences: muted task kinds are not created for them, and reminders wait out their quiet hours.",
            UserRole.Member,
            context =>
            {
                var input = context.Input<UpdateNotificationPreferencesInput>();
                return new UpdateNotificationPreferences(context.RequireUserId(), input.MutedKinds ?? [], input.QuietHoursStart, input.QuietHoursEnd);
            });
}
