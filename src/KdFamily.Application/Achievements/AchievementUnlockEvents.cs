using KdFamily.Application.Events;
using KdFamily.Domain.Achievements;

namespace KdFamily.Application.Achievements;

/// <summary>
/// The events of the unlocks an evaluation made (see <see cref="AchievementEvaluator"/>), in approvals and weekly
/// settlements alike: achievementUnlocked, the reward's pointsAwarded (+ leaderboardUpdated) and notificationReceived.
/// </summary>
public static class AchievementUnlockEvents
{
    public static void Record(IFamilyEvents events, IReadOnlyCollection<AchievementUnlock> unlocks)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(unlocks);
        foreach (var unlock in unlocks)
        {
            events.AchievementUnlocked(unlock.Notification.FamilyId, unlock.Notification.UserId, unlock.Unlocked.AchievementId);
        }

        foreach (var unlock in unlocks)
        {
            if (unlock.Reward is { } reward)
            {
                events.PointsAwarded(reward);
            }
        }

        foreach (var unlock in unlocks)
        {
            events.NotificationSent(unlock.Notification);
        }
    }
}
