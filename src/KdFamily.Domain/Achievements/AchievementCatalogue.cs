using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KdFamily.Domain.Achievements;

/// <summary>
/// The built-in achievements. Criteria are data (<see cref="AchievementCriteria"/>, jsonb), so entries added later
/// by hand need no code; <see cref="SeedAsync"/> inserts the codes that are missing and never edits existing rows.
/// </summary>
public static class AchievementCatalogue
{
    public static IReadOnlyList<Achievement> Entries { get; } =
    [
        Entry("first-task", "First Steps", "Have your first task approved.", BadgeLevel.Bronze, AchievementCriteriaKind.TasksApproved, 1, 10, "footprints"),
        Entry("tasks-approved-10", "Helping Hand", "Have 10 tasks approved.", BadgeLevel.Bronze, AchievementCriteriaKind.TasksApproved, 10, 25, "hand"),
        Entry("tasks-approved-50", "Household Hero", "Have 50 tasks approved.", BadgeLevel.Silver, AchievementCriteriaKind.TasksApproved, 50, 75, "shield"),
        Entry("tasks-approved-100", "Chore Champion", "Have 100 tasks approved.", BadgeLevel.Gold, AchievementCriteriaKind.TasksApproved, 100, 150, "trophy"),
        Entry("streak-3", "On a Roll", "Get work approved on 3 days in a row.", BadgeLevel.Bronze, AchievementCriteriaKind.StreakDays, 3, 15, "flame"),
        Entry("streak-7", "Week Warrior", "Get work approved on 7 days in a row.", BadgeLevel.Silver, AchievementCriteriaKind.StreakDays, 7, 50, "flame"),
        Entry("streak-30", "Unstoppable", "Get work approved on 30 days in a row.", BadgeLevel.Platinum, AchievementCriteriaKind.StreakDays, 30, 250, "flame"),
        Entry("points-100", "Point Collector", "Earn 100 points.", BadgeLevel.Bronze, AchievementCriteriaKind.TotalPoints, 100, 10, "coin"),
        Entry("points-500", "Point Hoarder", "Earn 500 points.", BadgeLevel.Silver, AchievementCriteriaKind.TotalPoints, 500, 50, "coins"),
        Entry("points-1000", "Point Tycoon", "Earn 1000 points.", BadgeLevel.Gold, AchievementCriteriaKind.TotalPoints, 1000, 100, "treasure"),
        Entry("weekly-winner", "Weekly Winner", "Finish a week first on the family leaderboard.", BadgeLevel.Silver, AchievementCriteriaKind.WeeklyWins, 1, 50, "medal"),
        Entry("weekly-winner-5", "Reigning Champion", "Finish 5 weeks first on the family leaderboard.", BadgeLevel.Platinum, AchievementCriteriaKind.WeeklyWins, 5, 200, "crown"),
    ];

    /// <summary>Inserts the catalogue entries whose code is missing; safe to run concurrently from several instances.</summary>
    /// <returns>How many entries were inserted.</returns>
    public static async Task<int> SeedAsync(KdFamilyDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.Achievements.AsNoTracking().Select(a => a.Code).ToListAsync(cancellationToken);
        var missing = Entries.Where(e => !existing.Contains(e.Code)).ToList();
        var inserted = 0;
        foreach (var entry in missing)
        {
            // One row per save: a code inserted meanwhile by another instance fails alone and is skipped.
            var row = Copy(entry);
            db.Achievements.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                inserted++;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }

        return inserted;
    }

    private static Achievement Copy(Achievement a) => new()
    {
        Code = a.Code,
        Name = a.Name,
        Description = a.Description,
        BadgeLevel = a.BadgeLevel,
        Criteria = a.Criteria,
        PointsReward = a.PointsReward,
        Icon = a.Icon,
    };

    private static Achievement Entry(
        string code, string name, string description, BadgeLevel level, AchievementCriteriaKind kind, int threshold, int reward, string icon) => new()
    {
        Code = code,
        Name = name,
        Description = description,
        BadgeLevel = level,
        Criteria = new AchievementCriteria(kind, threshold),
        PointsReward = reward,
        Icon = icon,
    };
}
