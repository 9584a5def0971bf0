using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Limits;

/// <summary>
/// The per-caller limits of the GraphQL transports over the shared <see cref="ILimitStore"/>: the cost budget per
/// minute, and places for WebSockets (per IP at the upgrade, per user at <c>connection_init</c>) and event streams.
/// A caller is its user (the <c>sub</c> or name-identifier claim) when signed in, else its IP address.
/// </summary>
public sealed class CallerLimits(ILimitStore store, LimitMetrics metrics, IOptions<CallerLimitsOptions> options)
{
    /// <summary>When a refused connection may try again: places free up as other connections close.</summary>
    public static readonly TimeSpan ConnectionRetryAfter = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan CostWindow = TimeSpan.FromMinutes(1);

    private readonly CallerLimitsOptions _options = options.Value;

    /// <summary>The signed-in user's id, or null for anonymous callers.</summary>
    public static string? UserIdOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            : null;

    public static string CallerOf(ClaimsPrincipal? user, IPAddress? address) =>
        UserIdOf(user) is { } id ? "user:" + id : "ip:" + (address?.ToString() ?? "unknown");

    /// <summary>Refuses when the caller has spent this minute's budget already; a document's cost is charged after validation.</summary>
    public async Task<RateLimitRefusal?> CheckCostAsync(string caller)
    {
        var spent = await store.ReadAsync("graphql:cost:" + caller);
        if (spent.Count < _options.CostPerMinute)
        {
            return null;
        }

        metrics.Refuse("graphql_cost");
        return new RateLimitRefusal(
            "graphql_cost",
            $"The GraphQL cost budget of {_options.CostPerMinute} per minute is spent ({spent.Count}); try again in {Math.Ceiling(spent.ResetsIn.TotalSeconds)} s.",
            spent.ResetsIn);
    }

    public async Task ChargeCostAsync(string caller, double cost)
    {
        var units = (long)Math.Ceiling(cost);
        if (units > 0)
        {
            await store.AddAsync("graphql:cost:" + caller, units, CostWindow);
            metrics.CostCharged(units);
        }
    }

    /// <summary>A place for one more WebSocket from <paramref name="address"/>, or a refusal.</summary>
    public Task<(IAsyncDisposable? Lease, RateLimitRefusal? Refusal)> AdmitWebSocketFromAsync(IPAddress? address) =>
        AdmitAsync("graphql:ws:ip:" + (address?.ToString() ?? "unknown"), _options.WebSocketsPerIp, "graphql_websockets_per_ip",
            $"Too many open WebSockets from this address (at most {_options.WebSocketsPerIp}).");

    /// <summary>A place for one more WebSocket of a signed-in <paramref name="user"/> (none needed for anonymous ones), or a refusal.</summary>
    public Task<(IAsyncDisposable? Lease, RateLimitRefusal? Refusal)> AdmitWebSocketOfAsync(ClaimsPrincipal user) =>
        UserIdOf(user) is { } id
            ? AdmitAsync("graphql:ws:user:" + id, _options.WebSocketsPerUser, "graphql_websockets_per_user",
                $"Too many open WebSockets for this user (at most {_options.WebSocketsPerUser}).")
            : Task.FromResult<(IAsyncDisposable?, RateLimitRefusal?)>((null, null));

    /// <summary>A place for one more event stream of <paramref name="caller"/>, or a refusal.</summary>
    public Task<(IAsyncDisposable? Lease, RateLimitRefusal? Refusal)> AdmitEventStreamAsync(string caller) =>
        AdmitAsync("graphql:sse:" + caller, _options.SseStreamsPerUser, "graphql_sse_streams_per_user",
            $"Too many open event streams (at most {_options.SseStreamsPerUser}).");

    private async Task<(IAsyncDisposable? Lease, RateLimitRefusal? Refusal)> AdmitAsync(string key, int limit, string name, string message)
    {
        var lease = await store.TryAcquireAsync(key, limit);
        if (lease is not null)
        {
            return (lease, null);
        }

        metrics.Refuse(name);
        return (null, new RateLimitRefusal(name, message, ConnectionRetryAfter));
    }
}
