using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Server.DataLoader;
using Microsoft.EntityFrameworkCore;
using TaskStatus = KdFamily.Domain.Tasks.TaskStatus;

namespace KdFamily.Graph.Tasks;

/// <summary>A family's open work: PENDING, IN_PROGRESS, COMPLETED and REJECTED tasks (not approved, not deleted).</summary>
public sealed class ActiveTasksByFamilyIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory, DataLoaderContext loaders)
    : GroupedDataLoader<Guid, FamilyTask>
{
    public static readonly TaskStatus[] ActiveStatuses = [TaskStatus.Pending, TaskStatus.InProgress, TaskStatus.Completed, TaskStatus.Rejected];

    protected override async Task<ILookup<Guid, FamilyTask>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => keys.Contains(t.FamilyId) && ActiveStatuses.Contains(t.Status))
            .OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var byId = loaders.GetLoader<TaskByIdDataLoader>();
        foreach (var task in tasks)
        {
            byId.Prime(task.Id, task);
        }

        return tasks.ToLookup(t => t.FamilyId);
    }
}
