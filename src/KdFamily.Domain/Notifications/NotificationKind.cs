namespace KdFamily.Domain.Notifications;

public enum NotificationKind
{
    TaskAssigned,
    TaskApproved,
    TaskRejected,
    AchievementUnlocked,
    MemberJoined,
    RedemptionRequested,
    RedemptionApproved,
    RedemptionRejected,
    TaskDueSoon,
    TaskOverdue,
    TaskAwaitingApproval,
}
