using System.Net;
using Npgsql;

namespace KdFamily.Graph.Tests.BadInput;

/// <summary>
/// Failures nobody planned for (here: a database constraint the code does not know, added by the test) answer code
/// INTERNAL with a generic message and a trace id, and the server logs the exception with that same trace id.
/// </summary>
public sealed class UnexpectedErrorTests(BadInputHost host) : IClassFixture<BadInputHost>
{
    [Fact]
    public async Task GraphQL_UnexpectedDatabaseError_AnswersInternalWithATraceIdThatTheLogCarries()
    {
        await ExecuteSqlAsync("ALTER TABLE task_types ADD CONSTRAINT unexpected_in_tests CHECK (name <> 'Explode')");

        var answer = await host.GraphQLAsync("mutation { createTaskType(input: {name: \"Explode\"}) { taskType { id } errors { ... on Error { code } } } }");

        var error = answer.AssertGraphQLError(HttpStatusCode.OK, "INTERNAL");
        var traceId = error["extensions"]!["traceId"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(traceId));
        Assert.DoesNotContain("task_types", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected_in_tests", answer.Text, StringComparison.Ordinal);
        Assert.Contains(host.LogLines, line => line.Contains(traceId, StringComparison.Ordinal) && line.Contains("DbUpdateException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rest_UnexpectedDatabaseError_AnswersInternalProblemWithATraceIdThatTheLogCarries()
    {
        await ExecuteSqlAsync("ALTER TABLE users ADD CONSTRAINT unexpected_in_tests_users CHECK (full_name <> 'Explode')");
        var name = "exp" + Guid.NewGuid().ToString("N")[..12];

        var answer = await host.PostJsonAsync("/api/v1/auth/register", $$"""
            {"username":"{{name}}","email":"{{name}}@example.test","password":"correct horse battery","fullName":"Explode","familyName":"Boom"}
            """);

        var problem = answer.AssertProblem(HttpStatusCode.InternalServerError, "INTERNAL");
        var traceId = problem["traceId"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(traceId));
        Assert.DoesNotContain("unexpected_in_tests", answer.Text, StringComparison.Ordinal);
        Assert.Contains(host.LogLines, line => line.Contains(traceId, StringComparison.Ordinal) && line.Contains("DbUpdateException", StringComparison.Ordinal));
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
