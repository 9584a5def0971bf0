using GraphQLServer.DataLoader;
using KdFamily.Domain.Families;
using KdFamily.Graph.Reads;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Families;

public sealed class FamilyByIdDataLoader(NpgsqlDataSource dataSource) : BatchDataLoader<Guid, Family>
{
    private const string Sql = """
        SELECT f.id, f.name, f.description, f.time_zone, f.invite_code, f.created_at, f.updated_at, f.reminder_lead_minutes
        FROM families f WHERE f.id = ANY($1) -- $1: the ids
        """;

    protected override async Task<IReadOnlyDictionary<Guid, Family>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var families = await ReadQuery.ListAsync(dataSource, Sql, Read, cancellationToken, ReadQuery.Parameter<Guid[]>([.. keys]));
        return families.ToDictionary(f => f.Id);
    }

    private static Family Read(NpgsqlDataReader row) => new()
    {
        Id = row.GetGuid(0),
        Name = row.GetString(1),
        Description = Rows.NullableString(row, 2),
        TimeZone = row.GetString(3),
        InviteCode = row.GetString(4),
        CreatedAt = row.GetFieldValue<Instant>(5),
        UpdatedAt = row.GetFieldValue<Instant>(6),
        ReminderLeadMinutes = row.GetInt32(7),
    };
}
