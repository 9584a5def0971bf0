using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>A leaderboard event costs the same SQL whether one member or a dozen are subscribed in this process.</summary>
public sealed class LeaderboardFanOutTests(KdFamilyApiFactory.CountingStatements factory) : IClassFixture<KdFamilyApiFactory.CountingStatements>
{
    private readonly SubscriptionScenario _scenario = new(factory);

    [Fact]
    public async Task LeaderboardUpdated_ManySubscribers_LoadsTheStandingsOncePerEvent()
    {
        var one = await StatementsForOneAwardAsync(subscribers: 1);
        var twelve = await StatementsForOneAwardAsync(subscribers: 12);

        Assert.True(one.Count > 0, "the counter saw no statements");
        Assert.True(
            one.Count == twelve.Count,
            $"1 subscriber: {one.Count} statements, 12 subscribers: {twelve.Count}:\n{string.Join("\n---\n", twelve.Statements)}");
    }

    private async Task<(int Count, List<string> Statements)> StatementsForOneAwardAsync(int subscribers)
    {
        var seed = await _scenario.SeedAsync(s =>
        {
            foreach (var i in Enumerable.Range(0, 12))
            {
                s.Members.Add(NewMember(s, i));
            }
        });
        var live = new List<LiveSubscription>();
        try
        {
            foreach (var member in seed.Members.Take(subscribers))
            {
                live.Add(await _scenario.SubscribeAsync("OnLeaderboardUpdated", seed, member));
            }

            // A first award warms each subscriber's session entry (one lookup per session per cache lifetime).
            await factory.Services.WaitUntilSessionCacheIsTrustedAsync();
            await AwardAndReceiveAsync(seed, live);

            using var counter = new SqlStatementCounter(factory.PostgresConnectionString);
            await AwardAndReceiveAsync(seed, live);
            var statements = counter.SentStatements;
            return (statements.Count, statements);
        }
        finally
        {
            live.ForEach(l => l.Dispose());
        }
    }

    private async Task AwardAndReceiveAsync(FamilySeed seed, List<LiveSubscription> live)
    {
        await _scenario.RunAsync("AwardPoints", seed.Members[1], new { userId = SubscriptionScenario.UserId(seed.Members[3]), points = 4, reason = "Fan-out" });
        foreach (var subscription in live)
        {
            var top = (await subscription.NextAsync("leaderboardUpdated"))[0]!;
            Assert.Equal(SubscriptionScenario.UserId(seed.Members[3]), top["user"]!["id"]!.GetValue<string>());
        }
    }

    private static Domain.Users.User NewMember(FamilySeed seed, int index) => new()
    {
        FamilyId = seed.Family.Id,
        Username = $"fan-{seed.Family.Id:N}-{index}",
        Email = $"fan-{seed.Family.Id:N}-{index}@example.test",
        FullName = $"Fan {index:D2}",
        PasswordHash = "x",
        Role = Domain.Users.UserRole.Member,
    };
}
