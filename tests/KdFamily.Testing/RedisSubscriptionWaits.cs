using StackExchange.Redis;

namespace KdFamily.Testing;

/// <summary>
/// Waits on the Redis subscriptions of a channel (PUBSUB NUMSUB). Redis is shared by all hosts of the run, so these
/// see subscribers on any of them; every instance subscribes a topic's channel before it answers a subscribe.
/// </summary>
public static class RedisSubscriptionWaits
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits until some instance subscribes <paramref name="channel"/>; fails after 30 s, or early when <paramref name="client"/> ends first.</summary>
    public static Task WaitForRedisSubscriberAsync(this IServiceProvider services, string channel, Task? client = null) =>
        RedisOf(services).WaitForRedisSubscriberAsync(channel, client);

    /// <summary>Waits until no instance holds a subscription to <paramref name="channel"/> any more; fails after 30 s.</summary>
    public static Task WaitForNoRedisSubscriberAsync(this IServiceProvider services, string channel) =>
        RedisOf(services).WaitForNoRedisSubscriberAsync(channel);

    /// <inheritdoc cref="WaitForRedisSubscriberAsync(IServiceProvider, string, Task?)"/>
    public static Task WaitForRedisSubscriberAsync(this IConnectionMultiplexer redis, string channel, Task? client = null) =>
        WaitAsync(redis, channel, count => count > 0, $"Nobody subscribed to {channel} within {Patience}.", client);

    /// <inheritdoc cref="WaitForNoRedisSubscriberAsync(IServiceProvider, string)"/>
    public static Task WaitForNoRedisSubscriberAsync(this IConnectionMultiplexer redis, string channel) =>
        WaitAsync(redis, channel, count => count == 0, $"{channel} still has a subscriber after {Patience}.", client: null);

    /// <summary>How many connections (of any instance) subscribe <paramref name="channel"/> now.</summary>
    public static async Task<long> RedisSubscriberCountAsync(this IConnectionMultiplexer redis, string channel)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var reply = (RedisResult[])(await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel))!;
        return (long)reply[1];
    }

    private static IConnectionMultiplexer RedisOf(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(IConnectionMultiplexer)) as IConnectionMultiplexer
            ?? throw new InvalidOperationException("The host has no IConnectionMultiplexer: it does not use Redis.");
    }

    private static async Task WaitAsync(IConnectionMultiplexer redis, string channel, Func<long, bool> done, string failure, Task? client)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (done(await redis.RedisSubscriberCountAsync(channel)))
            {
                return;
            }

            if (client is { IsCompleted: true })
            {
                await client; // surfaces the client's failure
                throw new InvalidOperationException($"The client ended before subscribing to {channel}.");
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException(failure);
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
