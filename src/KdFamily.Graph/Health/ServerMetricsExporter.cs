using System.Diagnostics.Metrics;
using GraphQLServer.Diagnostics;
using GraphQLServer.Limits;
using GraphQLServer.PubSub;
using GraphQLServer.WebSockets;
using Prometheus;

namespace KdFamily.Graph.Health;

/// <summary>
/// Exports the GraphQL server library's meter to prometheus-net under the names /metrics has always had. prometheus-net's
/// own Meter adapter would prefix every name with the meter's, turn counters into gauges and list a counter only after
/// its first measurement; alerts rely on these names and on the counters being there at 0 from the start.
/// </summary>
internal sealed class ServerMetricsExporter : IHostedService, IDisposable
{
    /// <summary>The app's name for the library's meter.</summary>
    public const string MeterName = "KdFamily.Graph";

    private static readonly Dictionary<string, Counter> Counters = new(StringComparer.Ordinal)
    {
        [PubSubMetrics.PublishedInstrument] = Metrics.CreateCounter(
            "kdfamily_pubsub_published_total", "Subscription events published to the topic bus."),
        [PubSubMetrics.PublishFailuresInstrument] = Metrics.CreateCounter(
            "kdfamily_pubsub_publish_failures_total",
            "Subscription events that could not be published to the topic bus (the data change itself was committed)."),
        [LimitMetrics.RefusedInstrument] = Metrics.CreateCounter(
            "kdfamily_rate_limited_total",
            "Requests, GraphQL operations and connections refused with RATE_LIMITED (HTTP 429, WebSocket 4429), by limit.",
            LimitMetrics.LimitTag),
        [LimitMetrics.StoreFallbacksInstrument] = Metrics.CreateCounter(
            "kdfamily_rate_limit_store_fallbacks_total", "Limit checks answered from this instance's memory because Redis could not be reached."),
        [LimitMetrics.CostChargedInstrument] = Metrics.CreateCounter(
            "kdfamily_graphql_cost_charged_total", "Cost units of GraphQL documents charged to callers' per-minute budgets."),
        [GraphQLOperationMetrics.OperationsInstrument] = Metrics.CreateCounter(
            "kdfamily_graphql_operations_total",
            "GraphQL operations on every transport, by operation name (the first 200 names seen; later ones are 'other'), type and outcome (success, error, rejected).",
            GraphQLOperationMetrics.OperationTag, GraphQLOperationMetrics.TypeTag, GraphQLOperationMetrics.OutcomeTag),
    };

    private static readonly Dictionary<string, Histogram> Histograms = new(StringComparer.Ordinal)
    {
        [GraphQLOperationMetrics.DurationInstrument] = Metrics.CreateHistogram(
            "kdfamily_graphql_operation_duration_seconds",
            "How long GraphQL operations took (a subscription: until its stream was set up), by operation name and type.",
            new HistogramConfiguration
            {
                LabelNames = [GraphQLOperationMetrics.OperationTag, GraphQLOperationMetrics.TypeTag],
                Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            }),
    };

    // Measurements of up-down counters are changes, added to the gauge.
    private static readonly Dictionary<string, Gauge> UpDownGauges = new(StringComparer.Ordinal)
    {
        [GraphQLOperationMetrics.ActiveSubscriptionsInstrument] = Metrics.CreateGauge(
            "kdfamily_graphql_subscriptions_active", "GraphQL subscriptions streaming events now, by transport (websocket, sse).",
            GraphQLOperationMetrics.TransportTag),
    };

    // The WebSocket instruments are observed values, exported as gauges under the names prometheus-net's adapter gave
    // them when they had a meter of their own (KdFamily.Graph.WebSockets).
    private static readonly Dictionary<string, Gauge> Gauges = new(StringComparer.Ordinal)
    {
        [GraphQLWebSocketMetrics.ConnectionsOpenedInstrument] = WebSocketGauge("graphql_websocket_connections_opened", "GraphQL WebSocket connections accepted"),
        [GraphQLWebSocketMetrics.ActiveConnectionsInstrument] = WebSocketGauge("graphql_websocket_connections_active", "GraphQL WebSocket connections open now"),
        [GraphQLWebSocketMetrics.SlowConsumerDisconnectsInstrument] = WebSocketGauge("graphql_websocket_slow_consumer_disconnects", "Sockets closed because their outgoing queue was full"),
        [GraphQLWebSocketMetrics.PeakQueueLengthInstrument] = WebSocketGauge("graphql_websocket_outgoing_queue_peak", "Deepest outgoing queue of any socket since start"),
        [GraphQLWebSocketMetrics.PeakQueuedBytesInstrument] = WebSocketGauge("graphql_websocket_outgoing_queue_peak_bytes", "Most bytes waiting in any socket's outgoing queue since start"),
    };

    /// <summary>Instruments of other meters that record once per connection, or only when something goes wrong.</summary>
    private static readonly HashSet<string> RareEventInstruments = new(StringComparer.Ordinal)
    {
        "kestrel.active_connections", "kestrel.connection.duration", "kestrel.queued_connections", "kestrel.rejected_connections",
        "kestrel.upgraded_connections", "kestrel.active_tls_handshakes", "kestrel.tls_handshake.duration",
        "dotnet.exceptions", "aspnetcore.diagnostics.exceptions",
    };

    private readonly Meter _meter;
    private readonly MeterListener _listener = new();
    private volatile bool _stopped;

    static ServerMetricsExporter()
    {
        Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = IsExportedByTheAdapter);
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() => Collecting?.Invoke());

        // At 0 from the start, like the other series an alert may compare against.
        UpDownGauges[GraphQLOperationMetrics.ActiveSubscriptionsInstrument].WithLabels(GraphQLOperationMetrics.WebSocketTransport);
        UpDownGauges[GraphQLOperationMetrics.ActiveSubscriptionsInstrument].WithLabels(GraphQLOperationMetrics.SseTransport);
    }

    public ServerMetricsExporter(GraphQLServerMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // This host's meter only: test processes run several hosts, each with a meter of the same name.
            if (ReferenceEquals(instrument.Meter, _meter)
                && (Counters.ContainsKey(instrument.Name) || Gauges.ContainsKey(instrument.Name) || Histograms.ContainsKey(instrument.Name) || UpDownGauges.ContainsKey(instrument.Name)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
    }

    private static event Action? Collecting;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        Collecting += RecordObservedValues;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        Collecting -= RecordObservedValues;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Collecting -= RecordObservedValues;
        _listener.Dispose();
    }

    /// <summary>
    /// What prometheus-net's Meter adapter exports from the runtime's and the libraries' meters: their observable
    /// instruments (GC, JIT, thread pool, EF Core's counters, Npgsql's pool), read only when <c>/metrics</c> is
    /// scraped, and the few that record rare events (Kestrel's connections, exceptions). Instruments that record on
    /// every request, database command or buffer rent are left out: through the adapter they cost about 4 % of the
    /// service's CPU in the approvals bench, and the libraries skip the recording nobody listens to. This meter's
    /// instruments are exported above under their own names.
    /// </summary>
    internal static bool IsExportedByTheAdapter(Instrument instrument) =>
        instrument.Meter.Name != MeterName
        && (instrument.IsObservable || RareEventInstruments.Contains(instrument.Name));

    private static Gauge WebSocketGauge(string name, string help) =>
        Metrics.CreateGauge("kdfamily_graph_websockets_" + name, help);

    private void RecordObservedValues()
    {
        if (!_stopped)
        {
            _listener.RecordObservableInstruments();
        }
    }

    private static void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (Gauges.TryGetValue(instrument.Name, out var gauge))
        {
            gauge.Set(value);
            return;
        }

        if (UpDownGauges.TryGetValue(instrument.Name, out var upDown))
        {
            upDown.WithLabels(Labels(upDown.LabelNames, tags)).Inc(value);
            return;
        }

        var counter = Counters[instrument.Name];
        if (counter.LabelNames.Length == 0)
        {
            counter.Inc(value);
            return;
        }

        counter.WithLabels(Labels(counter.LabelNames, tags)).Inc(value);
    }

    private static void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var histogram = Histograms[instrument.Name];
        histogram.WithLabels(Labels(histogram.LabelNames, tags)).Observe(value);
    }

    private static string[] Labels(string[] names, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new string[names.Length];
        Array.Fill(labels, "");
        foreach (var tag in tags)
        {
            var index = Array.IndexOf(names, tag.Key);
            if (index >= 0)
            {
                labels[index] = tag.Value?.ToString() ?? "";
            }
        }

        return labels;
    }
}
