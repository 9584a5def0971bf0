namespace KdFamily.Domain.Notifications;

public enum NotificationKind
{
    TaskAssigned,
    TaskApproved,
    TaskRejected,
    AchievementUnlocked,
    MemberJoined,
    TaskDueSoon,
    TaskOverdue,
    TaskAwaitingApproval,
}
