using KdFamily.Domain.Data;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Streaks;
using Microsoft.EntityFrameworkCore;
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
        RETURNING id, achievement_id, completed_at IS NOT NULL
        """;

    /// <summary>Evaluates every catalogue entry for the user, in a transaction of its own unless one is open.</summary>
    /// <returns>What this call unlocked (empty when nothing new): each achievement with its reward row and notification.</returns>
    public static async Task<IReadOnlyList<AchievementUnlock>> EvaluateAsync(
        KdFamilyDbContext db, Guid userId, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var member = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId && u.RemovedAt == null)
                .Select(u => new { u.FamilyId, u.Family!.TimeZone })
                .FirstOrDefaultAsync(cancellationToken);
            if (member is null)
            {
                return [];
            }

            var batch = new TransactionBatch(db);
            var evaluation = Prepare(batch, userId, member.FamilyId, member.TimeZone, now);
            await batch.RunAsync(cancellationToken);
            var unlocked = await evaluation.CompleteAsync(cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            return unlocked;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Adds what an evaluation of the user reads to <paramref name="batch"/>, after the statements already in it (the
    /// ledger rows that changed the user's metrics): the user's ledger lock (unless held), whether they are still a
    /// member of <paramref name="familyId"/>, the weeks they won, the catalogue (read, not cached: it is data) and their
    /// stats in the family's zone. Once the batch has run, <see cref="PreparedEvaluation.CompleteAsync"/> records the
    /// progress and the unlocks.
    /// </summary>
    public static PreparedEvaluation Prepare(TransactionBatch batch, Guid userId, Guid familyId, string timeZone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var zone = FamilyWeek.Zone(timeZone);
        var evaluation = new PreparedEvaluation(batch.Db, userId, familyId, now, now.InZone(zone).Date);
        PointsLedger.LockUser(batch, userId);
        batch.Add(
            "SELECT 1 FROM users WHERE id = $1 AND family_id = $2 AND removed_at IS NULL",
            _ => evaluation.IsMember = true,
            new NpgsqlParameter<Guid> { TypedValue = userId },
            new NpgsqlParameter<Guid> { TypedValue = familyId });
        batch.Add(
            "SELECT standings FROM weekly_settlements WHERE family_id = $1",
            reader => evaluation.WeeklyWins += WeeklySettlementService.IsWinner(reader.GetFieldValue<List<SettledStanding>>(0), userId) ? 1 : 0,
            new NpgsqlParameter<Guid> { TypedValue = familyId });
        batch.Add(
            "SELECT id, code, name, description, badge_level, criteria, points_reward, icon FROM achievements",
            reader => evaluation.Catalogue.Add(new Achievement
            {
                Id = reader.GetGuid(0),
                Code = reader.GetString(1),
                Name = reader.GetString(2),
                Description = reader.GetString(3),
                BadgeLevel = Enum.Parse<BadgeLevel>(reader.GetString(4)),
                Criteria = reader.GetFieldValue<AchievementCriteria>(5),
                PointsReward = reader.GetInt32(6),
                Icon = reader.IsDBNull(7) ? null : reader.GetString(7),
            }));
        var (sql, parameters) = MemberStatsQuery.MemberStatement(new MemberStatsScope(familyId, zone.Id, FamilyWeek.Containing(now, zone).Start), userId);
        batch.Add(sql, reader => evaluation.Stats = MemberStatsQuery.Read(reader), parameters);
        return evaluation;
    }

    /// <summary>The user's metrics from history: the same per-member statement the read graph uses, plus weekly wins from settlements.</summary>
    public static async Task<UserMetrics> LoadMetricsAsync(
        KdFamilyDbContext db, Guid userId, Guid familyId, string timeZone, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settlements = await db.WeeklySettlements.AsNoTracking().Where(s => s.FamilyId == familyId).Select(s => s.Standings).ToListAsync(cancellationToken);
        var wins = settlements.Count(standings => WeeklySettlementService.IsWinner(standings, userId));
        var zone = FamilyWeek.Zone(timeZone);
        var row = await MemberStatsQuery.LoadMemberAsync(db, new MemberStatsScope(familyId, zone.Id, FamilyWeek.Containing(now, zone).Start), userId, cancellationToken);
        return Metrics(row, wins, now.InZone(zone).Date);
    }

    internal static UserMetrics Metrics(MemberStatsRow? row, int weeklyWins, LocalDate today)
    {
        if (row is null)
        {
            return UserMetrics.None;
        }

        var streak = StreakCalculator.Calculate(row.CompletionDates, row.AwayPeriods, today);
        return new UserMetrics(row.TasksApproved, streak.Current, streak.Longest, row.LifetimePoints, weeklyWins);
    }

    /// <summary>
    /// Records the progress of every catalogue entry and unlocks those met, with their rewards and notifications: one
    /// round trip, and one more (the notifications, then the rewards' ledger rows) when something was unlocked.
    /// </summary>
    internal static async Task<IReadOnlyList<AchievementUnlock>> RecordAsync(
        KdFamilyDbContext db, Guid userId, Guid familyId, List<Achievement> catalogue, UserMetrics metrics, Instant now, CancellationToken cancellationToken)
    {
        var unlocked = await RecordProgressAsync(db, userId, catalogue, metrics, now, cancellationToken);
        if (unlocked.Count == 0)
        {
            return [];
        }

        var batch = new TransactionBatch(db);
        var unlocks = new List<AchievementUnlock>(unlocked.Count);
        foreach (var achievement in unlocked)
        {
            // The conditional unlock lets one evaluation through; the idempotency key guards the award as well.
            var reward = achievement.Achievement!.PointsReward > 0
                ? PointsLedger.Append(
                    batch, now, familyId, userId,
                    [new(achievement.Achievement.PointsReward, $"Achievement unlocked: {achievement.Achievement.Name}", PointsChangeKinds.AchievementReward, PointsLedger.AchievementKey(achievement.AchievementId, userId))])[0]
                : null;
            var notification = NotificationCatalogue.AchievementUnlocked(achievement.Achievement, userId, familyId, now);
            db.Notifications.Add(notification);
            unlocks.Add(new AchievementUnlock(achievement, reward, notification));
        }

        // The rewards' batch saves the notifications before its rows; an unlock without points has no batch to send.
        await batch.RunAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return unlocks;
    }

    /// <returns>The achievements this evaluation unlocked, completed now, with their catalogue entries.</returns>
    private static async Task<List<UserAchievement>> RecordProgressAsync(
        KdFamilyDbContext db, Guid userId, List<Achievement> catalogue, UserMetrics metrics, Instant now, CancellationToken cancellationToken)
    {
        var unlocked = new List<UserAchievement>();

        // The progress rows depend on nothing the unit of work has pending (its metrics were read already), and both
        // callers saved it with the reads' batch just before.
        var batch = new TransactionBatch(db) { SavesPendingChangesFirst = false };
        batch.Add(
            RecordProgressSql,
            reader =>
            {
                if (reader.GetBoolean(2))
                {
                    var achievement = catalogue.Single(a => a.Id == reader.GetGuid(1));
                    unlocked.Add(new UserAchievement
                    {
                        Id = reader.GetGuid(0), UserId = userId, AchievementId = achievement.Id, Achievement = achievement,
                        Progress = 100, CompletedAt = now, UpdatedAt = now,
                    });
                }
            },
            new NpgsqlParameter<Guid> { TypedValue = userId },
            new NpgsqlParameter<Instant> { TypedValue = now },
            new NpgsqlParameter<Guid[]> { TypedValue = [.. catalogue.Select(a => a.Id)] },
            new NpgsqlParameter<double[]> { TypedValue = [.. catalogue.Select(a => AchievementProgress.Percent(a.Criteria, metrics))] },
            new NpgsqlParameter<bool[]> { TypedValue = [.. catalogue.Select(a => AchievementProgress.IsMet(a.Criteria, metrics))] });
        await batch.RunAsync(cancellationToken);
        return unlocked;
    }
}

/// <summary>An evaluation whose reads are in a <see cref="TransactionBatch"/> (<see cref="AchievementEvaluator.Prepare"/>).</summary>
public sealed class PreparedEvaluation
{
    private readonly KdFamilyDbContext _db;
    private readonly Guid _userId;
    private readonly Guid _familyId;
    private readonly Instant _now;
    private readonly LocalDate _today;

    internal PreparedEvaluation(KdFamilyDbContext db, Guid userId, Guid familyId, Instant now, LocalDate today)
    {
        _db = db;
        _userId = userId;
        _familyId = familyId;
        _now = now;
        _today = today;
    }

    internal bool IsMember { get; set; }

    internal int WeeklyWins { get; set; }

    internal List<Achievement> Catalogue { get; } = [];

    internal MemberStatsRow? Stats { get; set; }

    /// <summary>Once the batch has run: records the progress and the unlocks (nothing once the user left the family).</summary>
    /// <returns>What this evaluation unlocked (empty when nothing new): each achievement with its reward row and notification.</returns>
    public Task<IReadOnlyList<AchievementUnlock>> CompleteAsync(CancellationToken cancellationToken) =>
        IsMember
            ? AchievementEvaluator.RecordAsync(_db, _userId, _familyId, Catalogue, AchievementEvaluator.Metrics(Stats, WeeklyWins, _today), _now, cancellationToken)
            : Task.FromResult<IReadOnlyList<AchievementUnlock>>([]);
}
