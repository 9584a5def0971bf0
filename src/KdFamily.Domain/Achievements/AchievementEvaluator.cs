using KdFamily.Domain.Data;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Streaks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;

namespace KdFamily.Domain.Achievements;

/// <summary>
/// Recomputes a user's achievement progress from history and unlocks what is met. Unlocking happens once per
/// user and achievement: the conditional <c>completed_at IS NULL</c> update decides the winner, the reward is a
/// ledger row with the idempotency key <c>achievement:{achievementId}:{userId}</c>, and a notification is written in
/// the same transaction. Concurrent evaluations of one user are serialized by the user's ledger lock.
/// </summary>
public static class AchievementEvaluator
{
    /// <summary>
    /// Progress of every catalogue entry, and the unlock of those met, in one statement: a met entry is written
    /// completed, and only over a row that is not completed yet, so the rows it returns as completed are exactly
    /// the ones this evaluation unlocked.
    /// </summary>
    private const string RecordProgressSql = """
        INSERT INTO user_achievements (id, user_id, achievement_id, progress, completed_at, updated_at)
        SELECT gen_random_uuid(), $1, x.achievement_id, CASE WHEN x.met THEN 100 ELSE x.progress END,
               CASE WHEN x.met THEN $2 END, $2
        FROM unnest($3::uuid[], $4::float8[], $5::bool[]) AS x(achievement_id, progress, met)
        ON CONFLICT (user_id, achievement_id) DO UPDATE
            SET progress = EXCLUDED.progress, completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at
            WHERE user_achievements.completed_at IS NULL
              AND (user_achievements.progress <> EXCLUDED.progress OR EXCLUDED.completed_at IS NOT NULL)
        RETURNING achievement_id, completed_at IS NOT NULL
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
            var subject = await ReadSubjectAsync(db, userId, cancellationToken);
            if (subject is null)
            {
                return [];
            }

            var (familyId, timeZone, wins, catalogue) = subject.Value;
            var metrics = await MetricsAsync(db, userId, familyId, timeZone, now, wins, cancellationToken);
            var unlockedIds = await RecordProgressAsync(db, userId, catalogue, metrics, now, cancellationToken);
            foreach (var achievement in catalogue.Where(a => unlockedIds.Contains(a.Id)))
            {
                if (achievement.PointsReward > 0)
                {
                    // The conditional unlock above lets one evaluation through; the idempotency key guards the award as well.
                    await PointsLedger.AppendAsync(
                        db, now, familyId, userId,
                        [new(achievement.PointsReward, $"Achievement unlocked: {achievement.Name}", PointsChangeKinds.AchievementReward, PointsLedger.AchievementKey(achievement.Id, userId))],
                        cancellationToken);
                }

                db.Notifications.Add(NotificationCatalogue.AchievementUnlocked(achievement, userId, familyId, now));
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
        var settlements = await db.WeeklySettlements.AsNoTracking().Where(s => s.FamilyId == familyId).Select(s => s.Standings).ToListAsync(cancellationToken);
        var wins = settlements.Count(standings => WeeklySettlementService.IsWinner(standings, userId));
        return await MetricsAsync(db, userId, familyId, timeZone, now, wins, cancellationToken);
    }

    private static async Task<UserMetrics> MetricsAsync(
        KdFamilyDbContext db, Guid userId, Guid familyId, string timeZone, Instant now, int weeklyWins, CancellationToken cancellationToken)
    {
        var zone = FamilyWeek.Zone(timeZone);
        var week = FamilyWeek.Containing(now, zone);
        var row = await MemberStatsQuery.LoadMemberAsync(db, new MemberStatsScope(familyId, zone.Id, week.Start), userId, cancellationToken);
        if (row is null)
        {
            return UserMetrics.None;
        }

        var streak = StreakCalculator.Calculate(row.CompletionDates, row.AwayPeriods, now.InZone(zone).Date);
        return new UserMetrics(row.TasksApproved, streak.Current, streak.Longest, row.LifetimePoints, weeklyWins);
    }

    /// <summary>
    /// What an evaluation reads before the member's stats, in one round trip: the member (null once removed) with the
    /// family's zone, the weeks they won, and the catalogue. Read, not cached: the catalogue is data.
    /// </summary>
    private static async Task<(Guid FamilyId, string TimeZone, int WeeklyWins, List<Achievement> Catalogue)?> ReadSubjectAsync(
        KdFamilyDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    "SELECT u.family_id, f.time_zone FROM users u JOIN families f ON f.id = u.family_id WHERE u.id = $1 AND u.removed_at IS NULL")
                {
                    Parameters = { new NpgsqlParameter { Value = userId } },
                },
                new NpgsqlBatchCommand("SELECT w.standings FROM weekly_settlements w JOIN users u ON u.family_id = w.family_id WHERE u.id = $1")
                {
                    Parameters = { new NpgsqlParameter { Value = userId } },
                },
                new NpgsqlBatchCommand("SELECT id, code, name, description, badge_level, criteria, points_reward, icon FROM achievements"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (familyId, timeZone) = (reader.GetGuid(0), reader.GetString(1));
        await reader.NextResultAsync(cancellationToken);
        var wins = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            wins += WeeklySettlementService.IsWinner(reader.GetFieldValue<List<SettledStanding>>(0), userId) ? 1 : 0;
        }

        await reader.NextResultAsync(cancellationToken);
        var catalogue = new List<Achievement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            catalogue.Add(new Achievement
            {
                Id = reader.GetGuid(0),
                Code = reader.GetString(1),
                Name = reader.GetString(2),
                Description = reader.GetString(3),
                BadgeLevel = Enum.Parse<BadgeLevel>(reader.GetString(4)),
                Criteria = reader.GetFieldValue<AchievementCriteria>(5),
                PointsReward = reader.GetInt32(6),
                Icon = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }

        return (familyId, timeZone, wins, catalogue);
    }

    /// <returns>The ids of the achievements this evaluation unlocked.</returns>
    private static async Task<HashSet<Guid>> RecordProgressAsync(
        KdFamilyDbContext db, Guid userId, List<Achievement> catalogue, UserMetrics metrics, Instant now, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(RecordProgressSql, connection, db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = userId },
                new NpgsqlParameter { Value = now },
                new NpgsqlParameter { Value = catalogue.Select(a => a.Id).ToArray() },
                new NpgsqlParameter { Value = catalogue.Select(a => AchievementProgress.Percent(a.Criteria, metrics)).ToArray() },
                new NpgsqlParameter { Value = catalogue.Select(a => AchievementProgress.IsMet(a.Criteria, metrics)).ToArray() },
            },
        };
        var unlocked = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(1))
            {
                unlocked.Add(reader.GetGuid(0));
            }
        }

        return unlocked;
    }
}
