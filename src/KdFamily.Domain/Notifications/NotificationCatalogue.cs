using KdFamily.Domain.Achievements;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Notifications;

/// <summary>Every notification the product sends, one builder per <see cref="NotificationKind"/>: its wording and what it links to.</summary>
public static class NotificationCatalogue
{
    /// <summary>Who hears that someone joined: the family's current parents and advisors (not the newcomer).</summary>
    public static bool HearsAboutNewMembers(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Role >= UserRole.Parent && user.RemovedAt is null;
    }

    /// <summary>Who hears that <paramref name="task"/> awaits approval: the family's current parents and advisors but its assignee (who can't approve it).</summary>
    public static bool HearsAboutAwaitingApproval(User user, FamilyTask task)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(task);
        return user.Role >= UserRole.Parent && user.RemovedAt is null && user.FamilyId == task.FamilyId && user.Id != task.AssignedToId;
    }

    /// <summary>The notification of a workflow step for <paramref name="recipientId"/>: one of the task kinds.</summary>
    public static Notification ForTask(NotificationKind kind, FamilyTask task, Guid recipientId, Instant now) => kind switch
    {
        NotificationKind.TaskAssigned => TaskAssigned(task, recipientId, now),
        NotificationKind.TaskApproved => TaskApproved(task, recipientId, now),
        NotificationKind.TaskRejected => TaskRejected(task, recipientId, now),
        NotificationKind.TaskDueSoon => TaskDueSoon(task, recipientId, now),
        NotificationKind.TaskOverdue => TaskOverdue(task, recipientId, now),
        NotificationKind.TaskAwaitingApproval => TaskAwaitingApproval(task, recipientId, now),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a task notification."),
    };

    public static Notification TaskAssigned(FamilyTask task, Guid recipientId, Instant now) =>
        About(task, recipientId, NotificationKind.TaskAssigned, "New task for you", $"You were assigned \"{task.Title}\".", now);

    public static Notification TaskApproved(FamilyTask task, Guid recipientId, Instant now) =>
        About(task, recipientId, NotificationKind.TaskApproved, "Task approved", $"\"{task.Title}\" was approved: +{task.Points} points.", now);

    public static Notification TaskRejected(FamilyTask task, Guid recipientId, Instant now) =>
        About(task, recipientId, NotificationKind.TaskRejected, "Task needs another look", $"\"{task.Title}\" was rejected: {task.RejectionReason}", now);

    public static Notification TaskDueSoon(FamilyTask task, Guid recipientId, Instant now) =>
        About(task, recipientId, NotificationKind.TaskDueSoon, "Task due soon", $"\"{task.Title}\" is due soon.", now);

    public static Notification TaskOverdue(FamilyTask task, Guid recipientId, Instant now) =>
        About(task, recipientId, NotificationKind.TaskOverdue, "Task overdue", $"\"{task.Title}\" is past its due date.", now);

    public static Notification TaskAwaitingApproval(FamilyTask task, Guid recipientId, Instant now) =>
        About(task, recipientId, NotificationKind.TaskAwaitingApproval, "Task awaiting approval", $"\"{task.Title}\" is done and awaits your approval.", now);

    public static Notification AchievementUnlocked(Achievement achievement, Guid userId, Guid familyId, Instant now)
    {
        ArgumentNullException.ThrowIfNull(achievement);
        return new Notification
        {
            UserId = userId,
            FamilyId = familyId,
            Kind = NotificationKind.AchievementUnlocked,
            Title = $"Achievement unlocked: {achievement.Name}",
            Body = achievement.PointsReward > 0
                ? $"{achievement.Description} You earned {achievement.PointsReward} points."
                : achievement.Description,
            AchievementId = achievement.Id,
            CreatedAt = now,
        };
    }

    public static Notification MemberJoined(User recipient, User newcomer, Instant now)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(newcomer);
        return new Notification
        {
            UserId = recipient.Id,
            FamilyId = recipient.FamilyId,
            Kind = NotificationKind.MemberJoined,
            Title = "New family member",
            Body = MemberJoinedBody(newcomer.FullName),
            CreatedAt = now,
        };
    }

    /// <summary>The text of <see cref="MemberJoined"/>; an erased account's name is replaced in the texts others received.</summary>
    public static string MemberJoinedBody(string fullName) => $"{fullName} joined the family with an invite code.";

    /// <summary>Who hears of a member's redemption: the family's current parents and advisors, but not the requester.</summary>
    public static bool HearsAboutRedemptions(User user, Redemption redemption)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(redemption);
        return user.Role >= UserRole.Parent && user.RemovedAt is null && user.FamilyId == redemption.FamilyId && user.Id != redemption.UserId;
    }

    /// <summary>
    /// To a parent: a member asked for a reward (or, when it needs no approval, took it). The text leaves the member's
    /// name out (clients show <c>redemption.user</c>), so nothing needs rewriting when their account is erased.
    /// </summary>
    public static Notification RedemptionRequested(Redemption redemption, Reward reward, Guid recipientId, Instant now)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        ArgumentNullException.ThrowIfNull(reward);
        return AboutRedemption(
            redemption,
            recipientId,
            NotificationKind.RedemptionRequested,
            redemption.Status == RedemptionStatus.Requested ? "Reward requested" : "Reward redeemed",
            redemption.Status == RedemptionStatus.Requested
                ? $"\"{reward.Name}\" was asked for ({redemption.Cost} points); approve or reject it."
                : $"\"{reward.Name}\" was redeemed for {redemption.Cost} points.",
            now);
    }

    /// <summary>To the requester: a parent approved or rejected their redemption.</summary>
    public static Notification RedemptionDecided(Redemption redemption, Reward reward, Instant now)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        ArgumentNullException.ThrowIfNull(reward);
        return redemption.Status switch
        {
            RedemptionStatus.Approved => AboutRedemption(
                redemption, redemption.UserId, NotificationKind.RedemptionApproved, "Reward approved", $"\"{reward.Name}\" is yours.", now),
            RedemptionStatus.Rejected => AboutRedemption(
                redemption, redemption.UserId, NotificationKind.RedemptionRejected, "Reward not approved",
                $"\"{reward.Name}\" was not approved: {redemption.Reason} Your {redemption.Cost} points are back.", now),
            _ => throw new ArgumentOutOfRangeException(nameof(redemption), redemption.Status, "Only an approved or rejected redemption is a decision."),
        };
    }

    private static Notification AboutRedemption(Redemption redemption, Guid recipientId, NotificationKind kind, string title, string body, Instant now) => new()
    {
        UserId = recipientId,
        FamilyId = redemption.FamilyId,
        Kind = kind,
        Title = title,
        Body = body,
        RedemptionId = redemption.Id,
        CreatedAt = now,
    };

    private static Notification About(FamilyTask task, Guid recipientId, NotificationKind kind, string title, string body, Instant now)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new Notification
        {
            UserId = recipientId,
            FamilyId = task.FamilyId,
            Kind = kind,
            Title = title,
            Body = body,
            TaskId = task.Id,
            CreatedAt = now,
        };
    }
}
