using GraphQLServer.DataLoader;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Reads;
using Npgsql;

namespace KdFamily.Graph.Tasks;

/// <summary>
/// A family's open work: PENDING, IN_PROGRESS, COMPLETED and REJECTED tasks (not approved, not deleted), the
/// <see cref="FamilyLimits.MaxActiveTasksListed"/> soonest due (undated last), in one statement for all keys. They don't
/// prime <see cref="TaskByIdDataLoader"/>: a request listing a family's open work rarely loads one of them by id again,
/// and priming a hundred entries per dashboard cost more than the rare second read.
/// </summary>
public sealed class ActiveTasksByFamilyIdDataLoader(NpgsqlDataSource dataSource)
    : GroupedDataLoader<Guid, FamilyTask>
{
    public static readonly FamilyTaskStatus[] ActiveStatuses = [FamilyTaskStatus.Pending, FamilyTaskStatus.InProgress, FamilyTaskStatus.Completed, FamilyTaskStatus.Rejected];

    private static readonly string[] ActiveStatusNames = [.. ActiveStatuses.Select(s => s.ToString())];

    private const string Sql = $"""
        -- $1: the family ids, $2: the active statuses, $3: how many per family
        SELECT open.*
        FROM unnest($1) AS k(family_id)
        CROSS JOIN LATERAL (
            SELECT {TaskColumns.Sql} FROM tasks t
            WHERE t.family_id = k.family_id AND t.status = ANY($2) AND t.deleted_at IS NULL
            ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.id
            LIMIT $3
        ) open
        """;

    protected override async Task<ILookup<Guid, FamilyTask>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var tasks = await ReadQuery.ListAsync(dataSource, Sql, TaskColumns.Read, cancellationToken,
            ReadQuery.Parameter<Guid[]>([.. keys]),
            ReadQuery.Parameter(ActiveStatusNames),
            ReadQuery.Parameter(FamilyLimits.MaxActiveTasksListed));
        return tasks.ToLookup(t => t.FamilyId);
    }
}
