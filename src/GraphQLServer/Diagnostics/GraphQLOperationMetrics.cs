using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GraphQLServer.Diagnostics;

/// <summary>
/// Instruments of GraphQL operations on <see cref="GraphQLServerMeter"/>: operations by name, type and outcome, their
/// duration, and the subscriptions streaming now by transport. Operation names are chosen by clients, so at most
/// <see cref="MaxOperationNames"/> distinct names are kept as tag values; later ones count as <c>other</c>.
/// </summary>
public sealed class GraphQLOperationMetrics
{
    public const string OperationsInstrument = "graphql.operations";
    public const string DurationInstrument = "graphql.operation.duration";
    public const string ActiveSubscriptionsInstrument = "graphql.subscriptions.active";

    public const string OperationTag = "operation";
    public const string TypeTag = "type";
    public const string OutcomeTag = "outcome";
    public const string TransportTag = "transport";

    /// <summary>The operation ran and answered without errors.</summary>
    public const string Success = "success";

    /// <summary>The operation ran and its response has errors (a field failed, a resolver refused, …).</summary>
    public const string Error = "error";

    /// <summary>The document never ran: it did not parse, validate, or pass the limits.</summary>
    public const string Rejected = "rejected";

    public const string WebSocketTransport = "websocket";
    public const string SseTransport = "sse";

    public const int MaxOperationNames = 200;

    private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _activeSubscriptions;

    public GraphQLOperationMetrics(GraphQLServerMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _operations = meter.Meter.CreateCounter<long>(OperationsInstrument, description: "GraphQL operations, by operation name, type and outcome.");
        _duration = meter.Meter.CreateHistogram<double>(DurationInstrument, unit: "s",
            description: "How long GraphQL operations took, from the request to the result (for a subscription: until its stream is set up).");
        _activeSubscriptions = meter.Meter.CreateUpDownCounter<long>(ActiveSubscriptionsInstrument,
            description: "GraphQL subscriptions streaming events now, by transport.");
    }

    internal void OperationEnded(string? name, string type, string outcome, double seconds)
    {
        var tags = new TagList { { OperationTag, BoundedName(name) }, { TypeTag, type } };
        _duration.Record(seconds, tags);
        tags.Add(OutcomeTag, outcome);
        _operations.Add(1, tags);
    }

    internal void SubscriptionStarted(string transport) => _activeSubscriptions.Add(1, new KeyValuePair<string, object?>(TransportTag, transport));

    internal void SubscriptionEnded(string transport) => _activeSubscriptions.Add(-1, new KeyValuePair<string, object?>(TransportTag, transport));

    private string BoundedName(string? name)
    {
        if (name is null)
        {
            return "anonymous";
        }

        if (_names.ContainsKey(name) || (_names.Count < MaxOperationNames && _names.TryAdd(name, true)))
        {
            return name;
        }

        return "other";
    }
}
