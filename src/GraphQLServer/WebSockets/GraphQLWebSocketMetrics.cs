using GraphQLServer.Diagnostics;

namespace GraphQLServer.WebSockets;

/// <summary>
/// Counters of the WebSocket transports, readable in-process and published on the library's meter
/// (<see cref="GraphQLServerMeter"/>): open sockets, slow-consumer disconnects and the deepest any socket's
/// outgoing queue has been, in messages and in bytes (never above <see cref="GraphQLWebSocketOptions.OutgoingQueueCapacity"/>
/// and <see cref="GraphQLWebSocketOptions.OutgoingQueueMaxBytes"/>, or one larger message).
/// </summary>
public sealed class GraphQLWebSocketMetrics
{
    private long _opened;
    private long _active;
    private long _slowConsumerDisconnects;
    private long _peakQueueLength;
    private long _peakQueuedBytes;

    public const string ConnectionsOpenedInstrument = "graphql.websocket.connections.opened";
    public const string ActiveConnectionsInstrument = "graphql.websocket.connections.active";
    public const string SlowConsumerDisconnectsInstrument = "graphql.websocket.slow_consumer_disconnects";
    public const string PeakQueueLengthInstrument = "graphql.websocket.outgoing_queue.peak";
    public const string PeakQueuedBytesInstrument = "graphql.websocket.outgoing_queue.peak_bytes";

    public GraphQLWebSocketMetrics(GraphQLServerMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.Meter.CreateObservableCounter(ConnectionsOpenedInstrument, () => ConnectionsOpened, description: "GraphQL WebSocket connections accepted");
        meter.Meter.CreateObservableUpDownCounter(ActiveConnectionsInstrument, () => ActiveConnections, description: "GraphQL WebSocket connections open now");
        meter.Meter.CreateObservableCounter(SlowConsumerDisconnectsInstrument, () => SlowConsumerDisconnects,
            description: "Sockets closed because their outgoing queue was full");
        meter.Meter.CreateObservableGauge(PeakQueueLengthInstrument, () => PeakQueueLength,
            description: "Deepest outgoing queue of any socket since start");
        meter.Meter.CreateObservableGauge(PeakQueuedBytesInstrument, () => PeakQueuedBytes,
            description: "Most bytes waiting in any socket's outgoing queue since start");
    }

    public long ConnectionsOpened => Interlocked.Read(ref _opened);

    public long ActiveConnections => Interlocked.Read(ref _active);

    public long SlowConsumerDisconnects => Interlocked.Read(ref _slowConsumerDisconnects);

    public long PeakQueueLength => Interlocked.Read(ref _peakQueueLength);

    public long PeakQueuedBytes => Interlocked.Read(ref _peakQueuedBytes);

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _opened);
        Interlocked.Increment(ref _active);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _active);

    internal void SlowConsumerDisconnected() => Interlocked.Increment(ref _slowConsumerDisconnects);

    internal void ObserveQueue(long length, long bytes)
    {
        RaisePeak(ref _peakQueueLength, length);
        RaisePeak(ref _peakQueuedBytes, bytes);
    }

    private static void RaisePeak(ref long peak, long value)
    {
        var seen = Interlocked.Read(ref peak);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
