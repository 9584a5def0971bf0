using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Notifications;
using KdFamily.Graph.Rewards;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.Notifications;

public sealed class NotificationKindType : EnumerationGraphType<NotificationKind>
{
    public NotificationKindType()
    {
        Name = "NotificationKind";
        Description = "What a notification is about.";
        Values["TASK_ASSIGNED"]!.Description = "A task was assigned to you.";
        Values["TASK_APPROVED"]!.Description = "A parent approved a task you completed.";
        Values["TASK_REJECTED"]!.Description = "A parent rejected a task you completed.";
        Values["ACHIEVEMENT_UNLOCKED"]!.Description = "You unlocked an achievement.";
        Values["MEMBER_JOINED"]!.Description = "Someone joined your family.";
        Values["REDEMPTION_REQUESTED"]!.Description = "A member of your family asked for (or, when it needs no approval, took) a reward; to parents and advisors.";
        Values["REDEMPTION_APPROVED"]!.Description = "A parent approved your redemption.";
        Values["REDEMPTION_REJECTED"]!.Description = "A parent rejected your redemption; its points were refunded.";
        Values["TASK_DUE_SOON"]!.Description = "A task assigned to you is due within the family's reminder lead time.";
        Values["TASK_OVERDUE"]!.Description = "A task assigned to you is past its due date and not done.";
        Values["TASK_AWAITING_APPROVAL"]!.Description = "A member completed a task that awaits your approval (parents and advisors).";
    }
}

public sealed class NotificationType : ObjectGraphType<Notification>
{
    public NotificationType()
    {
        Name = "Notification";
        Description = "A message for one user; only its recipient can see it.";
        this.ImplementsNode(n => n.Id);
        Field<NonNullGraphType<NotificationKindType>>("kind").Description("What it is about.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("title").Description("A short headline.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("body").Description("The message.").Resolve(c => c.Source.Body);
        Field<TaskGraphType>("task").Description("The task it is about, if any (null once the task is deleted).")
            .Resolve(c => c.Source.TaskId is { } taskId
                ? c.DataLoader<TaskByIdDataLoader>().LoadAsync(taskId).Then(t => t?.FamilyId == c.Source.FamilyId ? t : null)
                : null);
        Field<RedemptionGraphType>("redemption").Description("The redemption it is about, if any.")
            .Resolve(c => c.Source.RedemptionId is { } redemptionId
                ? c.DataLoader<RedemptionByIdDataLoader>().LoadAsync(redemptionId).Then(r => r?.FamilyId == c.Source.FamilyId ? r : null)
                : null);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When it was sent.").Resolve(c => c.Source.CreatedAt);
        Field<InstantGraphType>("readAt").Description("When the recipient marked it read; null while unread.").Resolve(c => c.Source.ReadAt);
    }
}
