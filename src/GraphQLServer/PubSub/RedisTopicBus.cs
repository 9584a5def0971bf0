using System.Text.Json;
using StackExchange.Redis;

namespace GraphQLServer.PubSub;

/// <summary>
/// The topic bus over Redis pub/sub: one channel per topic, JSON payloads, one shared connection. Each process holds
/// one Redis subscription per topic and fans it out to its local subscribers.
/// <para>
/// Faults: publishing never throws (the change it announces is committed): a failure is logged and counted. When the
/// connection drops, every live stream ends with an error instead of silently missing events; the multiplexer keeps
/// reconnecting, and subscriptions made after it is back work normally.
/// </para>
/// </summary>
public sealed partial class RedisTopicBus : ITopicEventSender, ITopicEventReceiver, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisTopicBus> _logger;
    private readonly TopicHub _hub;
    private readonly PubSubMetrics _metrics;

    public RedisTopicBus(IConnectionMultiplexer redis, PubSubMetrics metrics, ILogger<RedisTopicBus> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _metrics = metrics;
        _logger = logger;
        _hub = new TopicHub(new Transport(redis));
        _redis.ConnectionFailed += OnConnectionFailed;
    }

    /// <summary>Topics with a Redis subscription in this process.</summary>
    public int ActiveTopicCount => _hub.ActiveTopicCount;

    /// <summary>How many subscriptions of this process are listening to <paramref name="topic"/> now (for tests and diagnostics).</summary>
    public int LocalListenerCount(string topic) => _hub.ListenerCount(topic);

    public async Task SendAsync<T>(string topic, T message, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!_redis.IsConnected)
            {
                _metrics.PublishFailed();
                LogNotConnected(_logger, topic);
                return;
            }

            var json = JsonSerializer.Serialize(message, PubSubJson.Options);
            await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(topic), json);
            _metrics.Published();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or NotSupportedException or ObjectDisposedException)
        {
            _metrics.PublishFailed();
            LogPublishFailed(_logger, topic, exception);
        }
    }

    public Task<IObservable<T>> SubscribeAsync<T>(string topic, CancellationToken cancellationToken = default) =>
        _hub.SubscribeAsync(topic, json => JsonSerializer.Deserialize<T>(json, PubSubJson.Options)!, cancellationToken);

    public void Dispose() => _redis.ConnectionFailed -= OnConnectionFailed;

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        LogConnectionLost(_logger, e.ConnectionType, e.FailureType, e.Exception);
        _hub.FailAll(new TopicStreamInterruptedException("The connection to the event bus was lost; subscribe again.", e.Exception));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Could not publish to topic {Topic}; the event is lost (the change itself is committed)")]
    private static partial void LogPublishFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Could not publish to topic {Topic}: Redis is not connected; the event is lost (the change itself is committed)")]
    private static partial void LogNotConnected(ILogger logger, string topic);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Redis connection lost ({ConnectionType}, {FailureType}); live subscriptions end with an error")]
    private static partial void LogConnectionLost(ILogger logger, ConnectionType connectionType, ConnectionFailureType failureType, Exception? exception);

    private sealed class Transport(IConnectionMultiplexer redis) : ITopicTransport
    {
        public async Task<IAsyncDisposable> SubscribeAsync(string topic, Action<string> onMessage, CancellationToken cancellationToken)
        {
            // A message queue (not a handler) keeps the channel's messages in order.
            var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(topic));
            queue.OnMessage(message => onMessage(message.Message.ToString()));
            return new Subscription(queue);
        }
    }

    private sealed class Subscription(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await queue.UnsubscribeAsync(CommandFlags.FireAndForget);
            }
            catch (RedisException)
            {
                // Disconnected: the local registration is gone already, and the server forgot us with the connection.
            }
        }
    }
}
