using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Rewards;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

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
        seed.Award(child, 80, TaskMutationClient.Now - Duration.FromHours(2));
        seed.Award(child, -30, TaskMutationClient.Now - Duration.FromHours(1));
        await seed.SaveAsync(factory.Services);
        var tooDear = await AddRewardAsync(seed, "Theme park", cost: 60);
        var cinema = await AddRewardAsync(seed, "Cinema", cost: 50);
        using var client = factory.CreateClient();
        var token = _api.TokenFor(child);

        // The balance is the latest row's (50), not an older one's (80).
        var refused = await _api.RunAsync("RedeemReward", child, new { rewardId = GlobalId.Encode("Reward", tooDear.Id) }, client, token);
        Assert.Equal("INSUFFICIENT_POINTS", refused["errors"]?[0]?["code"]?.GetValue<string>());

        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);
        var payload = await _api.RunAsync("RedeemReward", child, new { rewardId = GlobalId.Encode("Reward", cinema.Id) }, client, token);

        Assert.Null(payload["errors"]);
        var statements = string.Join("\n---\n", counter.Statements);
        // Before: the lock, then the balance, in two round trips.
        var locking = Assert.Single(counter.Statements, s => s.Contains("pg_advisory_xact_lock", StringComparison.Ordinal));
        Assert.True(locking.Contains("SELECT balance_after FROM points_history", StringComparison.Ordinal), statements);
        var history = await _api.DbAsync(db => Task.FromResult(db.PointsHistory.Where(p => p.UserId == child.Id).OrderBy(p => p.CreatedAt).ThenBy(p => p.Sequence).Select(p => p.BalanceAfter).ToList()));
        Assert.Equal([80, 50, 0], history);
    }

    private async Task<Reward> AddRewardAsync(FamilySeed seed, string name, int cost)
    {
        var reward = new Reward
        {
            FamilyId = seed.Family.Id, Name = name, Cost = cost, RequiresApproval = true,
            CreatedAt = TaskMutationClient.Now, UpdatedAt = TaskMutationClient.Now,
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.Rewards.Add(reward);
        await db.SaveChangesAsync();
        return reward;
    }
}
