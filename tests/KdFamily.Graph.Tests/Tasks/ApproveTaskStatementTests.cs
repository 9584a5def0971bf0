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
        using (var unlocking = new SqlStatementCounter(factory.PostgresConnectionString))
        {
            // The member's first approval unlocks FIRST_TASK: the unlock costs two round trips more (its notification,
            // then its reward's ledger row), and nothing it wrote is read back for the events. Measured: 8, the first
            // request's session check included.
            await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", first.Id) }, client, token);
            var unlockingStatements = string.Join("\n---\n", unlocking.Statements);
            Assert.True(unlocking.Count <= 8, $"{unlocking.Count} round trips:\n{unlockingStatements}");
            Assert.Equal(2, unlocking.Statements.Count(s => s.Contains("INSERT INTO notifications", StringComparison.Ordinal)));
            Assert.DoesNotContain(unlocking.Statements, s => s.Contains("FROM notifications", StringComparison.Ordinal) || s.Contains("FROM user_achievements", StringComparison.Ordinal));
        }

        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);

        var payload = await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", second.Id) }, client, token);

        Assert.Null(payload["errors"]);
        var statements = string.Join("\n---\n", counter.Statements);
        // Measured: 5 — the caller with the task, the assignee's notification preferences and the family's zone (one
        // query); the task's conditional update with its transition, the notification and the audit row (one
        // SaveChanges); the ledger's lock and row with the achievement evaluation's reads, which see the row (one
        // batch); the achievements' progress; and after the commit the payload's users (the session was cached by the
        // first approval). Before: 8, the task saved before its effects and the evaluation's reads and the audit row
        // each in round trips of their own; 11 before that, and 22 with a savepoint pair around every SaveChanges.
        Assert.True(counter.Count <= 5, $"{counter.Count} round trips:\n{statements}");
        Assert.Contains(counter.Statements, s =>
            s.Contains("pg_advisory_xact_lock", StringComparison.Ordinal) && s.Contains("INSERT INTO points_history", StringComparison.Ordinal)
            && s.Contains("FROM achievements", StringComparison.Ordinal) && s.Contains("FROM away_periods", StringComparison.Ordinal));
        Assert.Equal(1, counter.Statements.Count(s => s.Contains("pg_advisory_xact_lock", StringComparison.Ordinal)));
        Assert.DoesNotContain(counter.Statements, s => s.Contains("SAVEPOINT", StringComparison.Ordinal));

        // The task's tsvector (as large as its text) is computed by PostgreSQL and never read back after the UPDATE.
        Assert.DoesNotContain(counter.Statements, s => s.Contains("UPDATE tasks", StringComparison.Ordinal) && s.Contains("search_vector", StringComparison.Ordinal));
    }
}
