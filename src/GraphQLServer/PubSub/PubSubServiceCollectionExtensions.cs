using GraphQLServer.Diagnostics;
using StackExchange.Redis;

namespace GraphQLServer.PubSub;

public static class PubSubServiceCollectionExtensions
{
    /// <summary>
    /// The topic bus: Redis when <paramref name="redisConnectionString"/> is set (any number of instances), otherwise
    /// in-memory (a single instance). The Redis connection (<see cref="IConnectionMultiplexer"/>) is one per process,
    /// shared with the health check; it never aborts on a failed connect and reconnects on its own, and introduces itself
    /// to Redis as <paramref name="redisClientName"/> (<c>CLIENT LIST</c>). Publishes are counted by <see cref="PubSubMetrics"/>.
    /// </summary>
    public static IServiceCollection AddTopicBus(this IServiceCollection services, string? redisConnectionString, string redisClientName = "graphql-server")
    {
        GraphQLServerMeter.AddTo(services);
        if (string.IsNullOrWhiteSpace(redisConnectionString))
        {
            services.AddSingleton<InMemoryTopicBus>();
            services.AddSingleton<ITopicEventSender>(sp => sp.GetRequiredService<InMemoryTopicBus>());
            services.AddSingleton<ITopicEventReceiver>(sp => sp.GetRequiredService<InMemoryTopicBus>());
            return services;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var configuration = ConfigurationOptions.Parse(redisConnectionString);
            configuration.AbortOnConnectFail = false;
            configuration.ConnectTimeout = 2000;
            configuration.AsyncTimeout = 2000;

            // While disconnected, publishing fails at once (and is counted) instead of queueing stale events.
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            configuration.ClientName = redisClientName;
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.AddSingleton<RedisTopicBus>();
        services.AddSingleton<ITopicEventSender>(sp => sp.GetRequiredService<RedisTopicBus>());
        services.AddSingleton<ITopicEventReceiver>(sp => sp.GetRequiredService<RedisTopicBus>());
        return services;
    }
}
