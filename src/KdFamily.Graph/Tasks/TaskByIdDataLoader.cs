using GraphQLServer.DataLoader;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Reads;
using Npgsql;

namespace KdFamily.Graph.Tasks;

/// <summary>Tasks by id (soft-deleted ones look missing). Callers check the family.</summary>
public sealed class TaskByIdDataLoader(NpgsqlDataSource dataSource) : BatchDataLoader<Guid, FamilyTask>
{
    private const string Sql = $"SELECT {TaskColumns.Sql} FROM tasks t WHERE t.id = ANY($1) AND t.deleted_at IS NULL" /* $1: the ids */;

    protected override async Task<IReadOnlyDictionary<Guid, FamilyTask>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var tasks = await ReadQuery.ListAsync(dataSource, Sql, TaskColumns.Read, cancellationToken, ReadQuery.Parameter<Guid[]>([.. keys]));
        return tasks.ToDictionary(t => t.Id);
    }
}
