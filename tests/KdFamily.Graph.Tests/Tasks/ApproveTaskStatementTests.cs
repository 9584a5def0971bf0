using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>
/// How many round trips one approval costs (issue 9: approvals per second are bounded by them). Counted by Npgsql's
/// own activities, so a batch of statements sent together counts once.
/// </summary>
public sealed class ApproveTaskStatementTests(KdFamilyApiFactory.CountingStatements factory) : IClassFixture<KdFamilyApiFactory.CountingStatements>
{
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task ApproveTask_WritesEverythingInABoundedNumberOfRoundTrips_AndLocksTheLedgerOnce()
    {
        FamilyTask first = null!, second = null!;
        var seed = await _api.SeedAsync(s =>
        {
            first = s.AddTask("Dishes", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now);
            second = s.AddTask("Plants", FamilyTaskStatus.Completed, s.Members[2], 5, null, TaskMutationClient.Now);
        });
        using var client = factory.CreateClient();
        var token = _api.TokenFor(seed.Members[1]);
        await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", first.Id) }, client, token);
        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);

        var payload = await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", second.Id) }, client, token);

        Assert.Null(payload["errors"]);
        var statements = string.Join("\n---\n", counter.Statements);
        // Measured: 8 — the caller with the task and the assignee's notification preferences (one query; muted kinds,
        // issue 13), the transition, the ledger's lock and row (one batch: the INSERT reads the last balance itself),
        // the member/settlements/catalogue batch, the member's stats, the achievements' progress, the audit row and
        // notification, and after the commit the payload's users (the session was cached by the first approval).
        // Before: 11, the task and the preferences each read in a query of their own and the ledger's last balance
        // read before its row; 22 before that, with a savepoint pair around every SaveChanges, the ledger lock taken
        // twice and the catalogue read apart.
        Assert.True(counter.Count <= 8, $"{counter.Count} round trips:\n{statements}");
        Assert.Equal(1, counter.Statements.Count(s => s.Contains("pg_advisory_xact_lock", StringComparison.Ordinal)));
        Assert.DoesNotContain(counter.Statements, s => s.Contains("SAVEPOINT", StringComparison.Ordinal));

        // The task's tsvector (as large as its text) is computed by PostgreSQL and never read back after the UPDATE.
        Assert.DoesNotContain(counter.Statements, s => s.Contains("UPDATE tasks", StringComparison.Ordinal) && s.Contains("search_vector", StringComparison.Ordinal));
    }
}
