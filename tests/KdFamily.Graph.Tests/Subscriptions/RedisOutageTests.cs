using GraphQLServer.PubSub;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>A host on its own Redis server, which the test stops and restarts (the run's shared Redis stays up).</summary>
public sealed class OwnRedisFactory : KdFamilyApiFactory
{
    public RedisServer Redis { get; } = RedisServer.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("ConnectionStrings:Redis", Redis.ConnectionString)];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Redis.Dispose();
    }
}

public sealed class RedisOutageTests(OwnRedisFactory factory) : IClassFixture<OwnRedisFactory>
{
    private readonly SubscriptionScenario _scenario = new(factory);

    [Fact]
    public async Task RedisOutage_MutationsKeepWorkingStreamsEndAndSubscriptionsWorkAfterRestart()
    {
        var seed = await _scenario.SeedAsync();
        using var before = await _scenario.SubscribeAsync("OnTaskCreated", seed, seed.Members[2]);
        var first = await _scenario.CreateTaskAsync(seed);
        Assert.Equal(first, (await before.NextAsync("taskCreated"))["id"]!.GetValue<string>());

        factory.Redis.StopProcess();
        try
        {
            // The live subscription ends with an error instead of hanging.
            await before.WaitForEndAsync();
            var error = Assert.IsType<GraphQL.ExecutionError>(before.StreamError);
            Assert.Equal(LiveUpdateFields.StreamInterruptedCode, error.Code);

            // Mutations still commit; the lost event is counted.
            var metrics = factory.Services.GetRequiredService<PubSubMetrics>();
            var failures = metrics.PublishFailureCount;
            var during = await _scenario.CreateTaskAsync(seed);
            Assert.False(string.IsNullOrEmpty(during));
            Assert.True(metrics.PublishFailureCount > failures, "the failed publish was not counted");

            // Subscribing meanwhile fails at once, with a code that says why.
            using var refused = await _scenario.SubscribeAsync("OnTaskCreated", seed, seed.Members[2]);
            Assert.Equal(LiveUpdateFields.BusUnavailableCode, refused.Errors?[0]?["extensions"]?["code"]?.GetValue<string>());
        }
        finally
        {
            factory.Redis.StartProcess();
        }

        // Once reconnected (the multiplexer retries on its own), a new subscription receives events again.
        var redis = factory.Services.GetRequiredService<IConnectionMultiplexer>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!redis.IsConnected)
        {
            Assert.True(DateTime.UtcNow < deadline, "the host did not reconnect to Redis within 30 s of its restart");
            await Task.Delay(100);
        }

        using var after = await _scenario.SubscribeAsync("OnTaskCreated", seed, seed.Members[2]);
        var last = await _scenario.CreateTaskAsync(seed);
        Assert.Equal(last, (await after.NextAsync("taskCreated"))["id"]!.GetValue<string>());
    }
}
