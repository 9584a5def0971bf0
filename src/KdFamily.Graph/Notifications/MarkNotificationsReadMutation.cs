using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Notifications;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Notifications;

public sealed record MarkNotificationsReadInput(List<string>? Ids = null, bool? All = null);

public sealed class MarkNotificationsReadInputType : InputObjectGraphType<MarkNotificationsReadInput>
{
    public MarkNotificationsReadInputType()
    {
        Name = "MarkNotificationsReadInput";
        Description = "Which of the caller's notifications to mark read: give `ids`, or `all: true`.";
        IsOneOf = true;
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("ids")
            .Description($"Notification IDs (at most {NotificationReadSelection.MaxIds}); IDs that are not the caller's unread notifications are skipped.");
        Field<BooleanGraphType>("all").Description("Mark every unread notification of the caller read.");
    }
}

public sealed class MarkNotificationsReadErrorType() : ErrorUnionGraphType("markNotificationsRead", typeof(ValidationErrorType));

public sealed class MarkNotificationsReadPayloadType() : PayloadGraphType<int?, IntGraphType, MarkNotificationsReadErrorType>(
    "markNotificationsRead", "markedCount", "How many notifications were unread and are now marked read.");

public static class MarkNotificationsReadMutation
{
    public static void AddMarkNotificationsRead(this ObjectGraphType mutation) =>
        mutation.AddUseCase<MarkNotificationsReadPayloadType, MarkNotificationsReadInputType, MarkNotificationsRead, int?>(
            "markNotificationsRead",
            "Marks the caller's notifications read; marking one twice is harmless (it counts once).",
            UserRole.Member,
            context =>
            {
                var input = context.Input<MarkNotificationsReadInput>();
                var ids = input.Ids?.Select(id => GlobalId.Decode(id, "Notification")).ToList();
                return new MarkNotificationsRead(context.RequireUserId(), ids, input.All == true);
            });
}
