using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Rewards;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Rewards;

/// <summary>
/// The round trips of a redemption's ledger work, counted by Npgsql's own activities (a batch of statements sent
/// together counts once): the member's ledger lock and the balance the decision rests on travel together.
/// </summary>
public sealed class RedeemRewardStatementTests(KdFamilyApiFactory.CountingStatements factory) : IClassFixture<KdFamilyApiFactory.CountingStatements>
{
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task RedeemReward_TakesTheLedgerLockAndReadsTheBalanceInOneRoundTrip_AndLocksOnce()
    {
        var seed = FamilySeed.Create("Store", memberCount: 3, taskCount: 0, TaskMutationClient.Now);
        var child = seed.Members[2];
        seed.Award(child, 50, TaskMutationClient.Now);
        await seed.SaveAsync(factory.Services);
        var reward = new Reward
        {
            FamilyId = seed.Family.Id, Name = "Cinema", Cost = 30, RequiresApproval = true,
            CreatedAt = TaskMutationClient.Now, UpdatedAt = TaskMutationClient.Now,
        };
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            db.Rewards.Add(reward);
            await db.SaveChangesAsync();
        }

        using var client = factory.CreateClient();
        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);

        var payload = await _api.RunAsync("RedeemReward", child, new { rewardId = GlobalId.Encode("Reward", reward.Id) }, client, _api.TokenFor(child));

        Assert.Null(payload["errors"]);
        var statements = string.Join("\n---\n", counter.Statements);
        // Before: the lock, then the balance, in two round trips.
        var locking = Assert.Single(counter.Statements, s => s.Contains("pg_advisory_xact_lock", StringComparison.Ordinal));
        Assert.True(locking.Contains("SELECT balance_after FROM points_history", StringComparison.Ordinal), statements);

        // The decision read 50: the 30 spent leave 20, as the ledger's new row says.
        var history = await _api.DbAsync(db => Task.FromResult(db.PointsHistory.Where(p => p.UserId == child.Id).OrderBy(p => p.Sequence).Select(p => p.BalanceAfter).ToList()));
        Assert.Equal([50, 20], history);
    }
}
