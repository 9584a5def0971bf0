using GraphQLServer.DataLoader;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Reads;
using Npgsql;

namespace KdFamily.Graph.Tasks;

/// <summary>
/// A family's approval queue: COMPLETED tasks (not deleted), oldest completion first, at most <see cref="MaxListed"/>,
/// in one statement for all keys.
/// </summary>
public sealed class AwaitingApprovalByFamilyIdDataLoader(NpgsqlDataSource dataSource) : GroupedDataLoader<Guid, FamilyTask>
{
    /// <summary>As many as one `approveTasks` call takes.</summary>
    public const int MaxListed = ApproveTasks.MaxTasks;

    private const string Sql = $"""
        -- $1: the family ids, $2: how many per family
        SELECT queue.*
        FROM unnest($1) AS k(family_id)
        CROSS JOIN LATERAL (
            SELECT {TaskColumns.Sql} FROM tasks t
            WHERE t.family_id = k.family_id AND t.status = 'Completed' AND t.deleted_at IS NULL
            ORDER BY t.completed_at, t.id
            LIMIT $2
        ) queue
        """;

    protected override async Task<ILookup<Guid, FamilyTask>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var tasks = await ReadQuery.ListAsync(dataSource, Sql, TaskColumns.Read, cancellationToken,
            ReadQuery.Parameter<Guid[]>([.. keys]),
            ReadQuery.Parameter(MaxListed));
        return tasks.ToLookup(t => t.FamilyId);
    }
}
