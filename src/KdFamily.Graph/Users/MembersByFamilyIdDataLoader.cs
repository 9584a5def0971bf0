using GraphQLServer.DataLoader;
using KdFamily.Domain.Users;
using KdFamily.Graph.Reads;
using Npgsql;

namespace KdFamily.Graph.Users;

/// <summary>A family's current members (not removed), by full name; primes <see cref="UserByIdDataLoader"/>.</summary>
public sealed class MembersByFamilyIdDataLoader(NpgsqlDataSource dataSource, DataLoaderContext loaders)
    : GroupedDataLoader<Guid, User>
{
    private const string Sql = $"""
        SELECT {UserColumns.Sql}
        FROM users u WHERE u.family_id = ANY($1) AND u.removed_at IS NULL -- $1: the family ids
        ORDER BY u.full_name, u.id
        """;

    protected override async Task<ILookup<Guid, User>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var members = await ReadQuery.ListAsync(dataSource, Sql, UserColumns.Read, cancellationToken, ReadQuery.Parameter<Guid[]>([.. keys]));
        var byId = loaders.GetLoader<UserByIdDataLoader>();
        foreach (var member in members)
        {
            byId.Prime(member.Id, member);
        }

        return members.ToLookup(u => u.FamilyId);
    }
}
