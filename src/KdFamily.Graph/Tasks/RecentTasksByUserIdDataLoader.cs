using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tasks;

/// <summary>The key of <see cref="RecentTasksByUserIdDataLoader"/>: whose tasks, and how many.</summary>
public readonly record struct RecentTasksKey(Guid UserId, int Limit);

/// <summary>The tasks assigned to a user, most recently changed first, at most Limit of them.</summary>
public sealed class RecentTasksByUserIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : GroupedDataLoader<RecentTasksKey, FamilyTask>
{
    public const int MaxLimit = 50;

    protected override async Task<ILookup<RecentTasksKey, FamilyTask>> LoadGroupedBatchAsync(IReadOnlyList<RecentTasksKey> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var userIds = keys.Select(k => k.UserId).Distinct().ToList();
        var limit = keys.Max(k => k.Limit);
        var rows = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                Tasks = db.Tasks.Where(t => t.AssignedToId == u.Id)
                    .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id)
                    .Take(limit)
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var byUser = rows.ToDictionary(r => r.Id, r => r.Tasks);
        return keys
            .SelectMany(k => byUser.GetValueOrDefault(k.UserId, []).Take(k.Limit).Select(t => (Key: k, Task: t)))
            .ToLookup(x => x.Key, x => x.Task);
    }
}
