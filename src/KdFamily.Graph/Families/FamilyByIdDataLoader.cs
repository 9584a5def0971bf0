using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Families;

public sealed class FamilyByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, Family>
{
    protected override async Task<IReadOnlyDictionary<Guid, Family>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Families.AsNoTracking().Where(f => keys.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
    }
}
