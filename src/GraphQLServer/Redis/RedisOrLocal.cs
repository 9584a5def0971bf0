using StackExchange.Redis;

namespace GraphQLServer.Redis;

/// <summary>
/// Runs a store's operation on Redis, or on its in-memory twin while Redis is unreachable (disconnected, or a
/// command failing with a Redis, timeout or disposal error), and reports each switch once: <paramref name="degraded"/>
/// when it starts falling back, <paramref name="recovered"/> when Redis answers again. Shared by the stores whose
/// state is per instance while Redis is down (limits, persisted documents).
/// </summary>
public sealed class RedisOrLocal(IConnectionMultiplexer redis, Action<Exception?> degraded, Action recovered)
{
    private int _degraded;

    public bool IsConnected => redis.IsConnected;

    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> onRedis, Func<Task<T>> local)
    {
        ArgumentNullException.ThrowIfNull(onRedis);
        ArgumentNullException.ThrowIfNull(local);
        if (redis.IsConnected)
        {
            try
            {
                var result = await onRedis(redis.GetDatabase());
                if (Interlocked.Exchange(ref _degraded, 0) == 1)
                {
                    recovered();
                }

                return result;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
            {
                if (Interlocked.Exchange(ref _degraded, 1) == 0)
                {
                    degraded(exception);
                }
            }
        }
        else if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            degraded(null);
        }

        return await local();
    }
}
