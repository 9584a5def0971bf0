using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// Waits on the Redis subscriptions of a topic's channel (PUBSUB NUMSUB). Redis is shared by all hosts of the run, so
/// these see subscribers on any of them; every instance subscribes a topic's channel before it answers a subscribe.
/// </summary>
public static class RedisSubscriptionWaits
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits until some instance subscribes <paramref name="channel"/>; fails after 30 s, or early when <paramref name="client"/> ends first.</summary>
    public static Task WaitForRedisSubscriberAsync(this IServiceProvider services, string channel, Task? client = null) =>
        WaitAsync(services, channel, count => count > 0, $"Nobody subscribed to {channel} within {Patience}.", client);

    /// <summary>Waits until no instance holds a subscription to <paramref name="channel"/> any more; fails after 30 s.</summary>
    public static Task WaitForNoRedisSubscriberAsync(this IServiceProvider services, string channel) =>
        WaitAsync(services, channel, count => count == 0, $"{channel} still has a subscriber after {Patience}.", client: null);

    private static async Task WaitAsync(IServiceProvider services, string channel, Func<long, bool> done, string failure, Task? client)
    {
        ArgumentNullException.ThrowIfNull(services);
        var redis = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var reply = (RedisResult[])(await redis.ExecuteAsync("PUBSUB", "NUMSUB", channel))!;
            if (done((long)reply[1]))
            {
                return;
            }

            if (client is { IsCompleted: true })
            {
                await client; // surfaces the client's failure
                Assert.Fail($"The client ended before subscribing to {channel}.");
            }

            Assert.False(timeout.IsCancellationRequested, failure);
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
