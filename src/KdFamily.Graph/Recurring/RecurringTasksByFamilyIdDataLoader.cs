using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Recurring;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Recurring;

/// <summary>A family's recurring tasks (not deleted), by title.</summary>
public sealed class RecurringTasksByFamilyIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : GroupedDataLoader<Guid, RecurringTaskTemplate>
{
    protected override async Task<ILookup<Guid, RecurringTaskTemplate>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.RecurringTaskTemplates.AsNoTracking()
            .Where(t => keys.Contains(t.FamilyId))
            .OrderBy(t => t.Title).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return rows.ToLookup(t => t.FamilyId);
    }
}
