using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Rewards;

/// <summary>Redemptions by id. Callers check the family.</summary>
public sealed class RedemptionByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, Redemption>
{
    protected override async Task<IReadOnlyDictionary<Guid, Redemption>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Redemptions.AsNoTracking().Where(r => keys.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
    }
}
