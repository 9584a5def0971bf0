using GraphQLServer.DataLoader;
using Npgsql;

namespace KdFamily.Graph.Reads;

/// <summary>
/// One read statement through Npgsql, without EF Core: for the DataLoaders every dashboard request runs, where EF's
/// per-query work (expression evaluation, cache lookup) and per-row work cost more than the statement itself. The
/// connection comes from the process's pool and goes back to it as soon as the rows are read; the statement is
/// prepared on its connection after its second use (see <c>DataServiceCollectionExtensions.WithStatementReuse</c>).
/// <para>
/// Started while DataLoaders are being dispatched (<see cref="DispatchRound"/>), the statement joins the round's
/// <see cref="ReadBatch"/> and goes out with the other loaders' statements in one round trip.
/// </para>
/// <para>
/// Statements take positional parameters (<c>$1</c>, <c>$2</c>, … built with <see cref="Parameter{T}"/>): Npgsql sends
/// such a text as it is, where named ones (<c>@ids</c>) make it parse and rewrite the text on every execution.
/// </para>
/// </summary>
public static class ReadQuery
{
    public static Task<List<T>> ListAsync<T>(
        NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(read);
        return DispatchRound.Current is { } round
            ? round.Join(dataSource, () => new ReadBatch(dataSource)).Add(sql, read, parameters, cancellationToken)
            : ReadAloneAsync(dataSource, sql, read, parameters, cancellationToken);
    }

    /// <summary>The value of the statement's next positional parameter.</summary>
    public static NpgsqlParameter<T> Parameter<T>(T value) => new() { TypedValue = value };

    internal static async Task<List<T>> ReadAloneAsync<T>(
        NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadRowsAsync(reader, read, cancellationToken);
    }

    internal static async Task<List<T>> ReadRowsAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
