using KdFamily.Domain.Data;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Streaks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace KdFamily.Domain.Achievements;

/// <summary>
/// Recomputes a user's achievement progress from history and unlocks what is met. Unlocking happens once per
/// user and achievement: the conditional <c>completed_at IS NULL</c> update decides the winner, the reward is a
/// ledger row with the idempotency key <c>achievement:{achievementId}:{userId}</c>, and a notification is written in
/// the same transaction. Concurrent evaluations of one user are serialized by the user's ledger lock.
/// </summary>
public static class AchievementEvaluator
{
    private const string UpsertProgressSql = """
        INSERT INTO user_achievements (id, user_id, achievement_id, progress, completed_at, updated_at)
        SELECT gen_random_uuid(), @user_id, x.achievement_id, x.progress, NULL, @now
        FROM unnest(@achievement_ids, @progress) AS x(achievement_id, progress)
        ON CONFLICT (user_id, achievement_id) DO UPDATE
            SET progress = EXCLUDED.progress, updated_at = EXCLUDED.updated_at
            WHERE user_achievements.completed_at IS NULL AND user_achievements.progress <> EXCLUDED.progress
        """;

    private const string UnlockSql = """
        UPDATE user_achievements SET completed_at = @now, progress = 100, updated_at = @now
        WHERE user_id = @user_id AND achievement_id = ANY(@achievement_ids) AND completed_at IS NULL
        RETURNING achievement_id
        """;

    /// <summary>Evaluates every catalogue entry for the user.</summary>
    /// <returns>The achievements unlocked by this call (empty when nothing new), with their catalogue entries.</returns>
    public static async Task<IReadOnlyList<UserAchievement>> EvaluateAsync(
        KdFamilyDbContext db, Guid userId, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await PointsLedger.LockUserAsync(db, userId, cancellationToken);
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId && u.RemovedAt == null)
                .Select(u => new { u.Id, u.FamilyId, u.Family!.TimeZone })
                .FirstOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                return [];
            }

            var metrics = await LoadMetricsAsync(db, user.Id, user.FamilyId, user.TimeZone, now, cancellationToken);
            var catalogue = await db.Achievements.AsNoTracking().ToListAsync(cancellationToken);
            var progress = catalogue.Select(a => AchievementProgress.Percent(a.Criteria, metrics)).ToArray();
            await db.Database.ExecuteSqlRawAsync(
                UpsertProgressSql,
                [Parameter("user_id", userId), Parameter("now", now), Parameter("achievement_ids", catalogue.Select(a => a.Id).ToArray()), Parameter("progress", progress)],
                cancellationToken);

            var met = catalogue.Where(a => AchievementProgress.IsMet(a.Criteria, metrics)).Select(a => a.Id).ToArray();
            var unlockedIds = met.Length == 0 ? [] : await UnlockAsync(db, userId, met, now, cancellationToken);
            foreach (var achievement in catalogue.Where(a => unlockedIds.Contains(a.Id)))
            {
                if (achievement.PointsReward > 0)
                {
                    // The conditional unlock above lets one evaluation through; the idempotency key guards the award as well.
                    await PointsLedger.AppendAsync(
                        db, now, user.FamilyId, userId,
                        [new(achievement.PointsReward, $"Achievement unlocked: {achievement.Name}", PointsChangeKinds.AchievementReward, PointsLedger.AchievementKey(achievement.Id, userId))],
                        cancellationToken);
                }

                db.Notifications.Add(NotificationCatalogue.AchievementUnlocked(achievement, userId, user.FamilyId, now));
            }

            await db.SaveChangesAsync(cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            return unlockedIds.Count == 0
                ? []
                : await db.UserAchievements.AsNoTracking().Include(a => a.Achievement)
                    .Where(a => a.UserId == userId && unlockedIds.Contains(a.AchievementId))
                    .ToListAsync(cancellationToken);
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    /// <summary>The user's metrics from history: the same per-member statement the read graph uses, plus weekly wins from settlements.</summary>
    public static async Task<UserMetrics> LoadMetricsAsync(
        KdFamilyDbContext db, Guid userId, Guid familyId, string timeZone, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zone = FamilyWeek.Zone(timeZone);
        var week = FamilyWeek.Containing(now, zone);
        var rows = await MemberStatsQuery.LoadAsync(db, [new MemberStatsScope(familyId, zone.Id, week.Start)], cancellationToken);
        var row = rows.FirstOrDefault(r => r.UserId == userId);
        if (row is null)
        {
            return UserMetrics.None;
        }

        var streak = StreakCalculator.Calculate(row.CompletionDates, now.InZone(zone).Date);
        var settlements = await db.WeeklySettlements.AsNoTracking().Where(s => s.FamilyId == familyId).Select(s => s.Standings).ToListAsync(cancellationToken);
        var wins = settlements.Count(standings => WeeklySettlementService.IsWinner(standings, userId));
        return new UserMetrics(row.TasksApproved, streak.Current, streak.Longest, row.LifetimePoints, wins);
    }

    private static async Task<HashSet<Guid>> UnlockAsync(KdFamilyDbContext db, Guid userId, Guid[] achievementIds, Instant now, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = UnlockSql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.Parameters.Add(Parameter("user_id", userId));
        command.Parameters.Add(Parameter("achievement_ids", achievementIds));
        command.Parameters.Add(Parameter("now", now));
        var unlocked = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            unlocked.Add(reader.GetGuid(0));
        }

        return unlocked;
    }

    private static Npgsql.NpgsqlParameter Parameter(string name, object value) => new(name, value);
}
