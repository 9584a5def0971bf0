using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tasks;

/// <summary>Tasks by id (soft-deleted ones look missing). Callers check the family.</summary>
public sealed class TaskByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, FamilyTask>
{
    protected override async Task<IReadOnlyDictionary<Guid, FamilyTask>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().Where(t => keys.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
    }
}
