using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Recurring;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Recurring;

/// <summary>Recurring tasks by id (deleted ones excluded). Callers check the family.</summary>
public sealed class RecurringTaskByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, RecurringTaskTemplate>
{
    protected override async Task<IReadOnlyDictionary<Guid, RecurringTaskTemplate>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RecurringTaskTemplates.AsNoTracking().Where(t => keys.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
    }
}
