using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using KdFamily.Graph.Server.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Achievements;

/// <summary>A user's achievement progress rows, with their catalogue entries.</summary>
public sealed class UserAchievementsByUserIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : GroupedDataLoader<Guid, UserAchievement>
{
    protected override async Task<ILookup<Guid, UserAchievement>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.UserAchievements.AsNoTracking()
            .Include(a => a.Achievement)
            .Where(a => keys.Contains(a.UserId))
            .OrderBy(a => a.Achievement!.Name).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return rows.ToLookup(a => a.UserId);
    }
}
