using KdFamily.Application.Events;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Achievements;

/// <summary>
/// What an unlock wrote besides the unlock itself (see <see cref="AchievementEvaluator"/>): the reward's ledger row
/// (idempotency key <c>achievement:{achievementId}:{userId}</c>) and the ACHIEVEMENT_UNLOCKED notification. Both are
/// found by their keys, so the events can be recorded for unlocks made anywhere (approvals, weekly settlement).
/// </summary>
public static class AchievementUnlockEvents
{
    /// <summary>Records achievementUnlocked, the reward's pointsAwarded (+ leaderboardUpdated) and notificationReceived.</summary>
    public static async Task RecordAsync(IFamilyEvents events, KdFamilyDbContext db, IReadOnlyCollection<UserAchievement> unlocked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unlocked);
        if (unlocked.Count == 0)
        {
            return;
        }

        var keys = unlocked.Select(u => PointsLedger.AchievementKey(u.AchievementId, u.UserId)).ToList();
        var userIds = unlocked.Select(u => u.UserId).Distinct().ToList();
        var achievementIds = unlocked.Select(u => u.AchievementId).Distinct().ToList();
        var rewards = await db.PointsHistory.AsNoTracking().Where(p => keys.Contains(p.IdempotencyKey)).ToListAsync(cancellationToken);
        var notifications = (await db.Notifications.AsNoTracking()
                .Where(n => n.Kind == NotificationKind.AchievementUnlocked && userIds.Contains(n.UserId)
                    && n.AchievementId != null && achievementIds.Contains(n.AchievementId.Value))
                .ToListAsync(cancellationToken))
            .Where(n => unlocked.Any(u => u.UserId == n.UserId && u.AchievementId == n.AchievementId))
            .ToList();

        foreach (var notification in notifications)
        {
            events.AchievementUnlocked(notification.FamilyId, notification.UserId, notification.AchievementId!.Value);
        }

        foreach (var reward in rewards)
        {
            events.PointsAwarded(reward);
        }

        foreach (var notification in notifications)
        {
            events.NotificationSent(notification);
        }
    }
}
