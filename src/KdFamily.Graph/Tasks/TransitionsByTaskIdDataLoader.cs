using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tasks;

/// <summary>The key of <see cref="TransitionsByTaskIdDataLoader"/>: whose history, and how many of its latest steps.</summary>
public readonly record struct TaskTransitionsKey(Guid TaskId, int Last);

/// <summary>A task's latest Last workflow steps, oldest first: one statement per batch (the latest rows per task; tasks that are deleted have none).</summary>
public sealed class TransitionsByTaskIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : GroupedDataLoader<TaskTransitionsKey, TaskTransition>
{
    public const int MaxLast = 100;

    protected override async Task<ILookup<TaskTransitionsKey, TaskTransition>> LoadGroupedBatchAsync(IReadOnlyList<TaskTransitionsKey> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taskIds = keys.Select(k => k.TaskId).Distinct().ToList();
        var last = keys.Max(k => k.Last);
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => taskIds.Contains(t.Id))
            .Select(t => new
            {
                t.Id,
                Steps = db.TaskTransitions.Where(x => x.TaskId == t.Id)
                    .OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
                    .Take(last)
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var byTask = rows.ToDictionary(r => r.Id, r => r.Steps);
        return keys
            .SelectMany(k => byTask.GetValueOrDefault(k.TaskId, []).Take(k.Last).Reverse().Select(t => (Key: k, Transition: t)))
            .ToLookup(x => x.Key, x => x.Transition);
    }
}
