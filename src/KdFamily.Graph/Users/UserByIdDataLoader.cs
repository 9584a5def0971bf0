using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Users;

/// <summary>Users by id, removed members included (history keeps pointing at them). Callers check the family.</summary>
public sealed class UserByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, User>
{
    protected override async Task<IReadOnlyDictionary<Guid, User>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
    }
}
