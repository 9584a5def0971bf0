using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.TaskTypes;

/// <summary>Task types by id (deleted ones look missing). Callers check the family.</summary>
public sealed class TaskTypeByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, TaskType>
{
    protected override async Task<IReadOnlyDictionary<Guid, TaskType>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TaskTypes.AsNoTracking().Where(t => keys.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
    }
}
