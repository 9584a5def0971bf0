using GraphQLServer.PubSub;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>Two API instances over one PostgreSQL database and one Redis, as behind a load balancer.</summary>
public sealed class TwoHostTests(KdFamilyApiFactory hostA) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task CreateTask_OnHostA_ReachesSubscriberOnHostB()
    {
        await using var hostB = new KdFamilyApiFactory();
        hostB.UseDatabaseOf(hostA);
        var scenarioA = new SubscriptionScenario(hostA);
        var seed = await scenarioA.SeedAsync();
        Assert.IsType<RedisTopicBus>(hostB.Services.GetRequiredService<ITopicEventReceiver>());

        using var live = await LiveSubscription.StartAsync(hostB.Services, "OnTaskCreated", new { familyId = SubscriptionScenario.FamilyId(seed) }, seed.Members[2]);
        var id = await scenarioA.CreateTaskAsync(seed);

        var task = await live.NextAsync("taskCreated");
        Assert.Equal(("Live chore", id), (task["title"]!.GetValue<string>(), task["id"]!.GetValue<string>()));
    }
}
