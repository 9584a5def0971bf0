using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Rewards;

/// <summary>Rewards by id, archived ones too. Callers check the family.</summary>
public sealed class RewardByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, Reward>
{
    protected override async Task<IReadOnlyDictionary<Guid, Reward>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Rewards.AsNoTracking().Where(r => keys.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
    }
}
