using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using GraphQLServer.Redis;
using StackExchange.Redis;

namespace GraphQLServer.Limits;

/// <summary>
/// The limit store every instance shares: window counters are Redis strings with an expiry (INCRBY, then PEXPIRE on the
/// first hit, in one script), leases are members of a sorted set scored by their expiry in Redis' own clock, so
/// instances' clocks never matter. This instance renews its leases every third of their time to live in one batch;
/// a crashed instance's leases lapse on their own.
/// <para>
/// Redis unreachable: the limits must not take login or the graph down with them, so each check falls back to this
/// instance's memory (counted in <see cref="LimitMetrics.StoreFallbacksInstrument"/>, logged once per outage), which
/// keeps every limit per instance until Redis is back.
/// </para>
/// </summary>
public sealed partial class RedisLimitStore : ILimitStore, IDisposable
{
    private const string AddScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          ttl = tonumber(ARGV[2])
        end
        return {count, ttl}
        """;

    private const string ReadScript = """
        local count = redis.call('GET', KEYS[1])
        if not count then return {0, 0} end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then ttl = 0 end
        return {tonumber(count), ttl}
        """;

    // ARGV: limit, ttl (ms), lease id. Expired leases (score = expiry) are dropped first.
    private const string AcquireScript = """
        local now = redis.call('TIME')
        local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
        redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    // ARGV: ttl (ms), lease id. Re-adds a lease Redis lost (e.g. restarted without persistence).
    private const string RenewScript = """
        local now = redis.call('TIME')
        local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[1]), ARGV[2])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return 1
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly InMemoryLimitStore _fallback;
    private readonly LimitMetrics _metrics;
    private readonly ILogger<RedisLimitStore> _logger;
    private readonly string _prefix;
    private readonly TimeSpan _leaseTtl;
    private readonly ConcurrentDictionary<Lease, byte> _leases = new();
    private readonly ITimer _renewal;
    private readonly RedisOrLocal _redisOrLocal;

    public RedisLimitStore(IConnectionMultiplexer redis, IOptions<LimitStoreOptions> options, LimitMetrics metrics, TimeProvider time, ILogger<RedisLimitStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _redis = redis;
        _redisOrLocal = new RedisOrLocal(redis, exception => LogDegraded(logger, exception), () => LogRecovered(logger));
        _metrics = metrics;
        _logger = logger;
        _prefix = options.Value.KeyPrefix;
        _leaseTtl = options.Value.LeaseTimeToLive;
        _fallback = new InMemoryLimitStore(time);
        var every = _leaseTtl / 3;
        _renewal = time.CreateTimer(_ => _ = RenewAllAsync(), null, every, every);
    }

    public Task<WindowCount> AddAsync(string key, long amount, TimeSpan window) =>
        WithFallbackAsync(
            async db => ToCount(await db.ScriptEvaluateAsync(AddScript, [Key(key)], [amount, (long)window.TotalMilliseconds])),
            () => _fallback.AddAsync(key, amount, window));

    public Task<WindowCount> ReadAsync(string key) =>
        WithFallbackAsync(
            async db => ToCount(await db.ScriptEvaluateAsync(ReadScript, [Key(key)])),
            () => _fallback.ReadAsync(key));

    public Task ResetAsync(string key) =>
        WithFallbackAsync(
            async db => await db.KeyDeleteAsync(Key(key)),
            async () =>
            {
                await _fallback.ResetAsync(key);
                return true;
            });

    public Task<IAsyncDisposable?> TryAcquireAsync(string key, int limit) =>
        WithFallbackAsync(
            async db =>
            {
                var lease = new Lease(this, Key(key), Guid.NewGuid().ToString("N"));
                var acquired = (long)await db.ScriptEvaluateAsync(AcquireScript, [lease.Key], [limit, (long)_leaseTtl.TotalMilliseconds, lease.Id]);
                if (acquired == 0)
                {
                    return null;
                }

                _leases.TryAdd(lease, 0);
                return (IAsyncDisposable?)lease;
            },
            () => _fallback.TryAcquireAsync(key, limit));

    public void Dispose() => _renewal.Dispose();

    private RedisKey Key(string key) => _prefix + key;

    private static WindowCount ToCount(RedisResult result)
    {
        var values = (RedisResult[])result!;
        return new WindowCount((long)values[0], TimeSpan.FromMilliseconds((long)values[1]));
    }

    private Task<T> WithFallbackAsync<T>(Func<IDatabase, Task<T>> redis, Func<Task<T>> local) => _redisOrLocal.RunAsync(redis, local);

    private async Task RenewAllAsync()
    {
        if (_leases.IsEmpty || !_redis.IsConnected)
        {
            return;
        }

        try
        {
            var batch = _redis.GetDatabase().CreateBatch();
            var ttl = (long)_leaseTtl.TotalMilliseconds;
            var renewals = _leases.Keys.Select(lease => batch.ScriptEvaluateAsync(RenewScript, [lease.Key], [ttl, lease.Id])).ToList();
            batch.Execute();
            await Task.WhenAll(renewals);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRenewalFailed(_logger, exception);
        }
    }

    private async Task ReleaseAsync(Lease lease)
    {
        _leases.TryRemove(lease, out _);
        try
        {
            await _redis.GetDatabase().SortedSetRemoveAsync(lease.Key, lease.Id);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Not renewed any more, so it lapses within the lease's time to live.
            LogReleaseFailed(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis is unreachable: limits are counted per instance until it is back")]
    private static partial void LogDegraded(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redis is reachable again: limits are shared across instances")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not renew connection leases in Redis; they lapse unless a later renewal succeeds")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Could not release a connection lease in Redis; it lapses on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    private sealed class Lease(RedisLimitStore store, RedisKey key, string id) : IAsyncDisposable
    {
        private int _released;

        public RedisKey Key { get; } = key;

        public string Id { get; } = id;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await store.ReleaseAsync(this);
            }
        }
    }
}
