using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Points;

public sealed class PointsTransactionByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, PointsTransaction>
{
    protected override async Task<IReadOnlyDictionary<Guid, PointsTransaction>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PointsHistory.AsNoTracking().Where(p => keys.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
    }
}
