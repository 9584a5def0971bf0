using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Reads;

/// <summary>Nullable column readers for the row mappers of the DataLoaders that read through Npgsql directly.</summary>
public static class Rows
{
    public static Guid? NullableGuid(NpgsqlDataReader row, int ordinal) => Read(row).IsDBNull(ordinal) ? null : row.GetGuid(ordinal);

    public static string? NullableString(NpgsqlDataReader row, int ordinal) => Read(row).IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static int? NullableInt(NpgsqlDataReader row, int ordinal) => Read(row).IsDBNull(ordinal) ? null : row.GetInt32(ordinal);

    public static Instant? NullableInstant(NpgsqlDataReader row, int ordinal) =>
        Read(row).IsDBNull(ordinal) ? null : row.GetFieldValue<Instant>(ordinal);

    private static NpgsqlDataReader Read(NpgsqlDataReader row) => row ?? throw new ArgumentNullException(nameof(row));
}
