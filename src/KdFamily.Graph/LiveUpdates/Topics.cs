namespace KdFamily.Graph.LiveUpdates;

/// <summary>
/// Topic names on the bus (Redis channels): <c>family:{familyId}:{event}</c> for family events,
/// <c>user:{userId}:{event}</c> for a user's own, <c>system:maintenance</c> for everyone.
/// </summary>
public static class Topics
{
    public const string TaskCreated = "task.created";
    public const string TaskAssigned = "task.assigned";
    public const string TaskCompleted = "task.completed";
    public const string TaskApproved = "task.approved";
    public const string TaskUpdated = "task.updated";
    public const string TaskDeleted = "task.deleted";
    public const string PointsAwarded = "points.awarded";
    public const string LeaderboardUpdated = "leaderboard.updated";
    public const string MemberJoined = "member.joined";
    public const string MemberRemoved = "member.removed";
    public const string AchievementUnlocked = "achievement.unlocked";
    public const string RedemptionUpdated = "redemption.updated";
    public const string NotificationReceived = "notification.received";
    public const string SystemMaintenance = "system:maintenance";

    public static string Family(Guid familyId, string name) => $"family:{familyId:N}:{name}";

    public static string User(Guid userId, string name) => $"user:{userId:N}:{name}";
}
