using GraphQL;
using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Notifications;

public sealed record MarkNotificationsReadInput(List<string>? Ids = null, bool? All = null);

public sealed class MarkNotificationsReadInputType : InputObjectGraphType<MarkNotificationsReadInput>
{
    public MarkNotificationsReadInputType()
    {
        Name = "MarkNotificationsReadInput";
        Description = "Which of the caller's notifications to mark read: give `ids`, or `all: true`.";
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("ids")
            .Description($"Notification IDs (at most {MarkNotificationsReadMutation.MaxIds}); IDs that are not the caller's unread notifications are skipped.");
        Field<BooleanGraphType>("all").Description("Mark every unread notification of the caller read.");
    }
}

public sealed class MarkNotificationsReadErrorType() : ErrorUnionGraphType("markNotificationsRead", typeof(ValidationErrorType));

public sealed class MarkNotificationsReadPayloadType() : PayloadGraphType<int?, IntGraphType, MarkNotificationsReadErrorType>(
    "markNotificationsRead", "markedCount", "How many notifications were unread and are now marked read.");

public static class MarkNotificationsReadMutation
{
    public const int MaxIds = 100;

    public static void AddMarkNotificationsRead(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<MarkNotificationsReadPayloadType>>("markNotificationsRead")
            .Description("Marks the caller's notifications read; marking one twice is harmless (it counts once).")
            .Authorize()
            .Argument<NonNullGraphType<MarkNotificationsReadInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<MarkNotificationsReadInput>("input");
                var all = input.All == true;
                if (all == (input.Ids is not null))
                {
                    return MutationPayload.Failure<int?>(new ValidationError("ids", "Give either `ids` or `all: true`."));
                }

                if (input.Ids is { Count: > MaxIds })
                {
                    return MutationPayload.Failure<int?>(new ValidationError("ids", $"At most {MaxIds} IDs at a time; use `all: true` for more."));
                }

                var services = context.RequestServices!;
                var db = services.GetRequiredService<KdFamilyDbContext>();
                var userId = context.RequireUserId();
                var ids = (input.Ids ?? []).Select(id => GlobalId.Decode(id, "Notification")).OfType<Guid>().ToList();
                var now = services.GetRequiredService<IClock>().GetCurrentInstant();
                var marked = await db.Notifications
                    .Where(n => n.UserId == userId && n.ReadAt == null && (all || ids.Contains(n.Id)))
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), context.CancellationToken);
                return new MutationPayload<int?>(marked, null);
            });
    }
}
