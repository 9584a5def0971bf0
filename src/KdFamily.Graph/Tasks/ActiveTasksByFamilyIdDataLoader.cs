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
        SELECT open.*
        FROM unnest(@family_ids) AS k(family_id)
        CROSS JOIN LATERAL (
            SELECT {TaskColumns.Sql} FROM tasks t
            WHERE t.family_id = k.family_id AND t.status = ANY(@statuses) AND t.deleted_at IS NULL
            ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.id
            LIMIT @limit
        ) open
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
