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
        SELECT {TaskColumns.Sql}
        FROM unnest(@family_ids) AS k(family_id)
        CROSS JOIN LATERAL (
            SELECT * FROM tasks x
            WHERE x.family_id = k.family_id AND x.status = ANY(@statuses) AND x.deleted_at IS NULL
            ORDER BY x.due_date IS NULL, x.due_date, x.created_at, x.id
            LIMIT @limit
        ) t
        """;

    protected override async Task<ILookup<Guid, FamilyTask>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var tasks = await ReadQuery.ListAsync(dataSource, Sql, TaskColumns.Read, cancellationToken,
            new NpgsqlParameter<Guid[]>("family_ids", [.. keys]),
            new NpgsqlParameter<string[]>("statuses", ActiveStatusNames),
            new NpgsqlParameter<int>("limit", FamilyLimits.MaxActiveTasksListed));
        return tasks.ToLookup(t => t.FamilyId);
    }
}
