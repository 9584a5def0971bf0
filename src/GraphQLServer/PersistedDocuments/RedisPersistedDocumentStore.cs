using Microsoft.Extensions.Options;
using GraphQLServer.Redis;
using StackExchange.Redis;

namespace GraphQLServer.PersistedDocuments;

/// <summary>
/// Persisted documents every instance shares: each is a Redis string with the time to live, and a sorted set of the
/// hashes by registration time (Redis' clock) caps their number: registering one past
/// <see cref="PersistedDocumentsOptions.MaxEntries"/> deletes the oldest, in the same script, so neither a busy nor a
/// hostile client makes Redis hold more than the cap times <see cref="PersistedDocumentsOptions.MaxDocumentBytes"/>.
/// While Redis cannot be reached, the instance's memory stands in (clients just register again).
/// </summary>
public sealed partial class RedisPersistedDocumentStore : IPersistedDocumentStore
{
    // KEYS: document key, index key. ARGV: document, ttl (ms), hash, cap, document key prefix.
    private const string SaveScript = """
        local now = redis.call('TIME')
        local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ms - tonumber(ARGV[2]))
        redis.call('ZADD', KEYS[2], ms, ARGV[3])
        local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
        if excess > 0 then
          for _, hash in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do
            redis.call('DEL', ARGV[5] .. hash)
          end
          redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
        end
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return 1
        """;

    private readonly PersistedDocumentsOptions _options;
    private readonly InMemoryPersistedDocumentStore _fallback;
    private readonly RedisOrLocal _redisOrLocal;

    public RedisPersistedDocumentStore(
        IConnectionMultiplexer redis, IOptions<PersistedDocumentsOptions> options, TimeProvider time, ILogger<RedisPersistedDocumentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redisOrLocal = new RedisOrLocal(redis, exception => LogDegraded(logger, exception), () => LogRecovered(logger));
        _options = options.Value;
        _fallback = new InMemoryPersistedDocumentStore(options, time);
    }

    public string DocumentKeyPrefix => _options.KeyPrefix + "document:";

    public string IndexKey => _options.KeyPrefix + "index";

    public Task<string?> GetAsync(string hash) =>
        WithFallbackAsync(
            async db => (string?)await db.StringGetAsync(DocumentKeyPrefix + hash),
            () => _fallback.GetAsync(hash));

    public Task SaveAsync(string hash, string document) =>
        WithFallbackAsync(
            async db =>
            {
                await db.ScriptEvaluateAsync(
                    SaveScript,
                    [DocumentKeyPrefix + hash, IndexKey],
                    [document, (long)_options.TimeToLive.TotalMilliseconds, hash, _options.MaxEntries, DocumentKeyPrefix]);
                return true;
            },
            async () =>
            {
                await _fallback.SaveAsync(hash, document);
                return true;
            });

    private Task<T> WithFallbackAsync<T>(Func<IDatabase, Task<T>> redis, Func<Task<T>> local) => _redisOrLocal.RunAsync(redis, local);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis is unreachable: persisted documents are kept per instance until it is back")]
    private static partial void LogDegraded(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redis is reachable again: persisted documents are shared across instances")]
    private static partial void LogRecovered(ILogger logger);
}
