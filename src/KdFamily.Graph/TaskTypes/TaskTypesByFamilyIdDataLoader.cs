using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.TaskTypes;

/// <summary>A family's task types (not deleted), by name; primes <see cref="TaskTypeByIdDataLoader"/>.</summary>
public sealed class TaskTypesByFamilyIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory, DataLoaderContext loaders)
    : GroupedDataLoader<Guid, TaskType>
{
    protected override async Task<ILookup<Guid, TaskType>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var types = await db.TaskTypes.AsNoTracking()
            .Where(t => keys.Contains(t.FamilyId))
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var byId = loaders.GetLoader<TaskTypeByIdDataLoader>();
        foreach (var type in types)
        {
            byId.Prime(type.Id, type);
        }

        return types.ToLookup(t => t.FamilyId);
    }
}
