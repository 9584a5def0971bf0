using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Paging;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace KdFamily.Graph.Notifications;

public sealed class NotificationsConnectionType()
    : ConnectionGraphType<NotificationType, NotificationsEdgeType, Notification>("NotificationsConnection", "notifications");

public sealed class NotificationsEdgeType() : EdgeGraphType<NotificationType, Notification>("NotificationsEdge", "notification");

/// <summary>
/// `User.notifications` and `User.unreadNotificationCount`: a user's notifications are private, so both are null on any
/// user but the caller (rather than an error, so a query listing members can still ask for them on `me`).
/// </summary>
public static class UserNotificationsConnection
{
    private static readonly KeysetKey<Notification>[] Keys =
    [
        KeysetKey.Create<Notification, NodaTime.Instant>("createdAt", n => n.CreatedAt, true, InstantPattern.ExtendedIso.Format, s => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow()),
        KeysetKey.Create<Notification, Guid>("id", n => n.Id, true, g => g.ToString("N"), s => Guid.ParseExact(s, "N")),
    ];

    public static void AddNotifications(this ObjectGraphType<User> user)
    {
        user.Field<NotificationsConnectionType>("notifications")
            .Description("The user's notifications, newest first; default 10 per page, at most 50. Only on the caller (`me`); null on other users.")
            .Argument<IntGraphType>("first", "Page size.")
            .Argument<StringGraphType>("after", "Cursor to read on from.")
            .Argument<IntGraphType>("last", "Page size, reading backward (from the oldest end, or from `before`).")
            .Argument<StringGraphType>("before", "Cursor to read backward from.")
            .Argument<BooleanGraphType>("unreadOnly", a => { a.DefaultValue = false; a.Description = "Only notifications not yet marked read."; })
            .ResolveAsync(async context =>
            {
                if (context.Source.Id != context.User.GetUserId())
                {
                    return null;
                }

                var unreadOnly = context.GetArgument("unreadOnly", false);
                var dbFactory = context.RequestServices!.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>();
                await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
                var query = db.Notifications.AsNoTracking().Where(n => n.UserId == context.Source.Id && (!unreadOnly || n.ReadAt == null));
                return await KeysetPaging.ToConnectionAsync(query, Keys, PageRequest.From(context), context.CancellationToken);
            });

        user.Field<IntGraphType>("unreadNotificationCount")
            .Description("How many of the user's notifications are unread. Only on the caller (`me`); null on other users.")
            .Resolve(context => context.Source.Id == context.User.GetUserId()
                ? context.DataLoader<UnreadNotificationCountByUserIdDataLoader>().LoadAsync(context.Source.Id)
                : null);
    }
}
