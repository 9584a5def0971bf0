using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tasks;

/// <summary>
/// A family's open work: PENDING, IN_PROGRESS, COMPLETED and REJECTED tasks (not approved, not deleted), the
/// <see cref="FamilyLimits.MaxActiveTasksListed"/> soonest due.
/// </summary>
public sealed class ActiveTasksByFamilyIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory, DataLoaderContext loaders)
    : GroupedDataLoader<Guid, FamilyTask>
{
    public static readonly FamilyTaskStatus[] ActiveStatuses = [FamilyTaskStatus.Pending, FamilyTaskStatus.InProgress, FamilyTaskStatus.Completed, FamilyTaskStatus.Rejected];

    protected override async Task<ILookup<Guid, FamilyTask>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // A request only ever reads its caller's family, so one statement per key is one statement.
        var tasks = new List<FamilyTask>();
        foreach (var familyId in keys)
        {
            tasks.AddRange(await db.Tasks.AsNoTracking()
                .Where(t => t.FamilyId == familyId && ActiveStatuses.Contains(t.Status))
                .OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
                .Take(FamilyLimits.MaxActiveTasksListed)
                .ToListAsync(cancellationToken));
        }

        var byId = loaders.GetLoader<TaskByIdDataLoader>();
        foreach (var task in tasks)
        {
            byId.Prime(task.Id, task);
        }

        return tasks.ToLookup(t => t.FamilyId);
    }
}
