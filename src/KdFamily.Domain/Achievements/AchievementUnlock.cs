using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;

namespace KdFamily.Domain.Achievements;

/// <summary>
/// What one unlock wrote: the member's completed achievement (with its catalogue entry), the reward's ledger row (none
/// for an achievement without points) and the ACHIEVEMENT_UNLOCKED notification.
/// </summary>
public sealed record AchievementUnlock(UserAchievement Unlocked, PointsTransaction? Reward, Notification Notification);
