using System.Text.Json;

namespace GraphQLServer.PubSub;

/// <summary>
/// The topic bus of a single instance (no Redis configured): messages go to this process's subscribers only. Messages
/// are JSON round-tripped like on Redis, so both buses deliver the same thing.
/// </summary>
public sealed partial class InMemoryTopicBus : ITopicEventSender, ITopicEventReceiver
{
    private readonly TopicHub _hub;
    private readonly Dictionary<string, Action<string>> _deliveries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ILogger<InMemoryTopicBus> _logger;
    private readonly PubSubMetrics _metrics;

    public InMemoryTopicBus(PubSubMetrics metrics, ILogger<InMemoryTopicBus> logger)
    {
        _metrics = metrics;
        _logger = logger;
        _hub = new TopicHub(new Transport(this));
    }

    public Task SendAsync<T>(string topic, T message, CancellationToken cancellationToken = default)
    {
        Action<string>? deliver;
        string json;
        try
        {
            json = JsonSerializer.Serialize(message, PubSubJson.Options);
        }
        catch (NotSupportedException exception)
        {
            _metrics.PublishFailed();
            LogPublishFailed(_logger, topic, exception);
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            deliver = _deliveries.GetValueOrDefault(topic);
        }

        deliver?.Invoke(json);
        _metrics.Published();
        return Task.CompletedTask;
    }

    public Task<IObservable<T>> SubscribeAsync<T>(string topic, CancellationToken cancellationToken = default) =>
        _hub.SubscribeAsync(topic, json => JsonSerializer.Deserialize<T>(json, PubSubJson.Options)!, cancellationToken);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Could not publish to topic {Topic}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, Exception exception);

    private sealed class Transport(InMemoryTopicBus bus) : ITopicTransport
    {
        public Task<IAsyncDisposable> SubscribeAsync(string topic, Action<string> onMessage, CancellationToken cancellationToken)
        {
            lock (bus._gate)
            {
                bus._deliveries[topic] = onMessage;
            }

            return Task.FromResult<IAsyncDisposable>(new Registration(bus, topic, onMessage));
        }
    }

    private sealed class Registration(InMemoryTopicBus bus, string topic, Action<string> onMessage) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (bus._gate)
            {
                if (bus._deliveries.TryGetValue(topic, out var current) && current == onMessage)
                {
                    bus._deliveries.Remove(topic);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
