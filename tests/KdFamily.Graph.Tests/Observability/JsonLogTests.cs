using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;
using Npgsql;

namespace KdFamily.Graph.Tests.Observability;

/// <summary>
/// The host as a process with its production log format (<c>Logging:Console:FormatterName=json</c>): one JSON object
/// per line, and the lines written inside a request carry its trace's <c>TraceId</c> and <c>SpanId</c>. A GraphQL
/// error answered <c>INTERNAL</c> quotes a <c>traceId</c> that leads to the error's log line.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task InternalError_ResponseTraceId_FindsTheJsonLogLineOfTheException()
    {
        var database = await TestServers.Postgres.CreateDatabaseAsync();
        await using var host = await HostProcess.StartAsync(
            TestServers.Redis.ConnectionString,
            [new("ConnectionStrings:Postgres", database), new("Logging:Console:FormatterName", "json")]);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var advisor = await http.RegisterAsync(AuthApiClient.NewName("jl"));
        await ExecuteSqlAsync(database, "ALTER TABLE task_types ADD CONSTRAINT unexpected_in_log_tests CHECK (name <> 'Explode')");

        var answer = await http.PostGraphQLAsync(
            "mutation Exploding { createTaskType(input: {name: \"Explode\"}) { taskType { id } } }", accessToken: advisor.Str("accessToken"));

        var error = answer["errors"]![0]!;
        Assert.Equal("INTERNAL", error["extensions"]!["code"]!.GetValue<string>());
        var traceId = error["extensions"]!["traceId"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var line = await WaitForLogAsync(host, entry => entry["Category"]?.GetValue<string>() == "GraphQLServer.GraphQL" && TraceIdOf(entry) == traceId);
        Assert.Equal("Error", line["LogLevel"]!.GetValue<string>());
        Assert.Contains(traceId, line["Message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("DbUpdateException", line["Exception"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", Scope(line, "SpanId"));

        var requestLines = host.Output.Where(text => text.StartsWith('{')).Select(Parse).Where(entry => Scope(entry, "RequestId") is not null).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, entry =>
        {
            Assert.Matches("^[0-9a-f]{32}$", TraceIdOf(entry) ?? "");
            Assert.Matches("^[0-9a-f]{16}$", Scope(entry, "SpanId") ?? "");
        });
    }

    [Fact]
    public async Task EveryLine_IsOneJsonObject()
    {
        await using var host = await HostProcess.StartAsync(TestServers.Redis.ConnectionString, [new("Logging:Console:FormatterName", "json")]);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        await http.RegisterAsync(AuthApiClient.NewName("jl"));

        var lines = host.Output.ToList();
        Assert.Contains(lines, text => text.Contains("Now listening on", StringComparison.Ordinal));
        Assert.All(lines, text => Assert.True(Parse(text)["LogLevel"] is not null, text));
    }

    private static JsonObject Parse(string line) => JsonNode.Parse(line) as JsonObject ?? throw new InvalidOperationException("not a JSON object: " + line);

    private static string? TraceIdOf(JsonObject entry) => Scope(entry, "TraceId");

    /// <summary>A value of the line's scopes (ActivityTrackingOptions writes TraceId and SpanId into the first).</summary>
    private static string? Scope(JsonObject entry, string name) =>
        entry["Scopes"]?.AsArray().Select(scope => scope?[name]?.GetValue<string>()).FirstOrDefault(value => value is not null);

    private static async Task<JsonObject> WaitForLogAsync(HostProcess host, Func<JsonObject, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = host.Output.Where(text => text.StartsWith('{')).Select(Parse).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "no such log line within 10 s:\n" + host.Describe());
            await Task.Delay(50);
        }
    }

    private static async Task ExecuteSqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
