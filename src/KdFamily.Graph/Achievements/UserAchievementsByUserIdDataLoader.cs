using GraphQLServer.DataLoader;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Achievements;

/// <summary>
/// A user's progress on the WHOLE catalogue: the stored progress rows, and a 0 % entry for every achievement the
/// user has not started. Two statements per batch (catalogue, rows), whatever the number of users.
/// </summary>
public sealed class UserAchievementsByUserIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : GroupedDataLoader<Guid, UserAchievement>
{
    protected override async Task<ILookup<Guid, UserAchievement>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var catalogue = await db.Achievements.AsNoTracking()
            .OrderBy(a => a.BadgeLevel == BadgeLevel.Bronze ? 0 : a.BadgeLevel == BadgeLevel.Silver ? 1 : a.BadgeLevel == BadgeLevel.Gold ? 2 : 3)
            .ThenBy(a => a.Name).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var rows = (await db.UserAchievements.AsNoTracking().Where(a => keys.Contains(a.UserId)).ToListAsync(cancellationToken))
            .ToDictionary(a => (a.UserId, a.AchievementId));
        return keys.Distinct()
            .SelectMany(userId => catalogue.Select(achievement =>
            {
                var row = rows.GetValueOrDefault((userId, achievement.Id))
                    ?? new UserAchievement { Id = Guid.Empty, UserId = userId, AchievementId = achievement.Id, Progress = 0 };
                row.Achievement = achievement;
                return row;
            }))
            .ToLookup(a => a.UserId);
    }
}
