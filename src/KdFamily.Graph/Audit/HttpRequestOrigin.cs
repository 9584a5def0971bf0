using KdFamily.Application.Audit;

namespace KdFamily.Graph.Audit;

/// <summary>The audit origin of the current HTTP request (or WebSocket connection): its address and user agent.</summary>
public sealed class HttpRequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public string? IpAddress => Of(accessor.HttpContext).IpAddress;

    public string? UserAgent => Of(accessor.HttpContext).UserAgent;

    /// <summary>The origin of <paramref name="http"/>, for code that holds the context itself (REST endpoints).</summary>
    public static IRequestOrigin Of(HttpContext? http) =>
        http is null ? NoRequestOrigin.Instance : new Snapshot(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());

    private sealed record Snapshot(string? IpAddress, string? UserAgent) : IRequestOrigin;
}
