using GraphQLServer.DataLoader;
using KdFamily.Domain.Users;
using KdFamily.Graph.Reads;
using Npgsql;

namespace KdFamily.Graph.Users;

/// <summary>Users by id, removed members included (history keeps pointing at them). Callers check the family.</summary>
public sealed class UserByIdDataLoader(NpgsqlDataSource dataSource) : BatchDataLoader<Guid, User>
{
    private const string Sql = $"SELECT {UserColumns.Sql} FROM users u WHERE u.id = ANY($1)" /* $1: the ids */;

    protected override async Task<IReadOnlyDictionary<Guid, User>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var users = await ReadQuery.ListAsync(dataSource, Sql, UserColumns.Read, cancellationToken, ReadQuery.Parameter<Guid[]>([.. keys]));
        return users.ToDictionary(u => u.Id);
    }
}
