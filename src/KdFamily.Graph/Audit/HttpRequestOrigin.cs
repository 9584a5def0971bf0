using KdFamily.Application.Audit;

namespace KdFamily.Graph.Audit;

/// <summary>
/// The origin of the current HTTP request (or WebSocket connection): its address and user agent, the latter cut to
/// <see cref="MaxUserAgentLength"/> here, where the client's text enters, so nothing downstream stores more.
/// </summary>
public sealed class HttpRequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public const int MaxUserAgentLength = 500;

    public string? IpAddress => IpAddressOf(accessor.HttpContext);

    public string? UserAgent => UserAgentOf(accessor.HttpContext);

    /// <summary>The origin of <paramref name="http"/>, for code that holds the context itself (REST endpoints).</summary>
    public static IRequestOrigin Of(HttpContext? http) =>
        http is null ? NoRequestOrigin.Instance : new Snapshot(IpAddressOf(http), UserAgentOf(http));

    private static string? IpAddressOf(HttpContext? http) => http?.Connection.RemoteIpAddress?.ToString();

    private static string? UserAgentOf(HttpContext? http)
    {
        var userAgent = http?.Request.Headers.UserAgent.ToString();
        return string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)];
    }

    private sealed record Snapshot(string? IpAddress, string? UserAgent) : IRequestOrigin;
}
