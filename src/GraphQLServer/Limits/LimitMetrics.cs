using Prometheus;

namespace GraphQLServer.Limits;

/// <summary>Prometheus metrics of the limits.</summary>
public static class LimitMetrics
{
    /// <summary>Requests, operations and connections refused by a limit, by limit name (e.g. <c>auth_login_ip</c>).</summary>
    public static readonly Counter Refused = Metrics.CreateCounter(
        "kdfamily_rate_limited_total",
        "Requests, GraphQL operations and connections refused with RATE_LIMITED (HTTP 429, WebSocket 4429), by limit.",
        "limit");

    /// <summary>Limit checks that could not reach Redis and were counted by this instance alone.</summary>
    public static readonly Counter StoreFallbacks = Metrics.CreateCounter(
        "kdfamily_rate_limit_store_fallbacks_total",
        "Limit checks answered from this instance's memory because Redis could not be reached.");

    /// <summary>GraphQL cost units charged to callers' per-minute budgets.</summary>
    public static readonly Counter CostCharged = Metrics.CreateCounter(
        "kdfamily_graphql_cost_charged_total",
        "Cost units of GraphQL documents charged to callers' per-minute budgets.");

    public static void Refuse(string limit) => Refused.WithLabels(limit).Inc();
}
