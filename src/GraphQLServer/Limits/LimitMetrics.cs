using System.Diagnostics.Metrics;
using GraphQLServer.Diagnostics;

namespace GraphQLServer.Limits;

/// <summary>Counters of the limits, on <see cref="GraphQLServerMeter"/>.</summary>
public sealed class LimitMetrics
{
    /// <summary>Requests, operations and connections refused by a limit, tagged <see cref="LimitTag"/> (e.g. <c>graphql_cost</c>).</summary>
    public const string RefusedInstrument = "graphql.limits.refused";

    /// <summary>Limit checks that could not reach Redis and were counted by this instance alone.</summary>
    public const string StoreFallbacksInstrument = "graphql.limits.store_fallbacks";

    /// <summary>GraphQL cost units charged to callers' per-minute budgets.</summary>
    public const string CostChargedInstrument = "graphql.limits.cost_charged";

    public const string LimitTag = "limit";

    private readonly Counter<long> _refused;
    private readonly Counter<long> _storeFallbacks;
    private readonly Counter<long> _costCharged;

    public LimitMetrics(GraphQLServerMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _refused = meter.Meter.CreateCounter<long>(RefusedInstrument,
            description: "Requests, GraphQL operations and connections refused with RATE_LIMITED (HTTP 429, WebSocket 4429), by limit.");
        _storeFallbacks = meter.Meter.CreateCounter<long>(StoreFallbacksInstrument,
            description: "Limit checks answered from this instance's memory because Redis could not be reached.");
        _costCharged = meter.Meter.CreateCounter<long>(CostChargedInstrument,
            description: "Cost units of GraphQL documents charged to callers' per-minute budgets.");
    }

    public void Refuse(string limit) => _refused.Add(1, new KeyValuePair<string, object?>(LimitTag, limit));

    internal void StoreFellBack() => _storeFallbacks.Add(1);

    internal void CostCharged(long units) => _costCharged.Add(units);
}
