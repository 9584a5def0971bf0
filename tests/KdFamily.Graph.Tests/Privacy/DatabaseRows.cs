using Npgsql;

namespace KdFamily.Graph.Tests.Privacy;

/// <summary>Reads the host's database table by table, below EF Core (no query filters): what really remains.</summary>
internal sealed class DatabaseRows(string connectionString) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public async Task<IReadOnlyList<string>> TablesAsync()
    {
        var tables = new List<string>();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", await OpenAsync());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, await OpenAsync());
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string?> TextAsync(string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, await OpenAsync());
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }

        return await command.ExecuteScalarAsync() as string;
    }

    public async Task<Guid[]> IdsAsync(string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, await OpenAsync());
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }

        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }

    /// <summary>The rows of <paramref name="table"/> matching <paramref name="where"/> (parameters @p0…), as one comparable text.</summary>
    public async Task<string> DigestAsync(string table, string where = "true", params object[] parameters)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t WHERE {where}", await OpenAsync());
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }

        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The tables with a row whose text contains <paramref name="needle"/> (case-insensitive), each with how many.</summary>
    public async Task<IReadOnlyList<string>> TablesContainingAsync(string needle)
    {
        var found = new List<string>();
        foreach (var table in await TablesAsync())
        {
            var count = await CountAsync($"SELECT count(*) FROM \"{table}\" t WHERE strpos(lower(t::text), lower(@p0)) > 0", needle);
            if (count > 0)
            {
                found.Add($"{table} ({count} rows contain '{needle}')");
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        if (_connection is null)
        {
            _connection = new NpgsqlConnection(connectionString);
            await _connection.OpenAsync();
        }

        return _connection;
    }
}
