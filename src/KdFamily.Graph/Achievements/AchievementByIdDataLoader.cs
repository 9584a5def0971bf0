using GraphQLServer.DataLoader;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Achievements;

public sealed class AchievementByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, Achievement>
{
    protected override async Task<IReadOnlyDictionary<Guid, Achievement>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Achievements.AsNoTracking().Where(a => keys.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
    }
}
