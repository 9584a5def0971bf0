using System.Net.WebSockets;
using GraphQL.Types;
using Microsoft.AspNetCore.Authentication;
using GraphQLServer.Limits;
using GraphQLServer.Shutdown;

namespace GraphQLServer.WebSockets;

/// <summary>
/// Accepts WebSocket upgrades at the GraphQL path and runs the subprotocol the client offered:
/// <c>graphql-transport-ws</c> (preferred) or the legacy <c>graphql-ws</c>. Like graphql-ws' own server, an
/// upgrade offering neither is accepted and closed at once with 4406 "Subprotocol not acceptable", so the client
/// sees a reason rather than a failed handshake. Other requests pass through. When the host stops, every socket is
/// closed with 1001 (going away) after the messages already queued for it.
/// </summary>
public sealed class GraphQLWebSocketMiddleware<TSchema>
    where TSchema : ISchema
{
    /// <summary>The reason of the 1001 (going away) close every socket gets when the host stops.</summary>
    public const string ShutdownReason = "Server is shutting down";

    private readonly RequestDelegate _next;
    private readonly PathString _path;
    private readonly GraphQLWebSocketOptions _options;
    private readonly KeepAliveTicker? _keepAlive;

    public GraphQLWebSocketMiddleware(RequestDelegate next, PathString path, GraphQLWebSocketOptions options)
    {
        _next = next;
        _path = path;
        _options = options;
        _keepAlive = options.KeepAliveInterval is { } interval && interval > TimeSpan.Zero ? new KeepAliveTicker(interval) : null;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.WebSockets.IsWebSocketRequest || !http.Request.Path.Equals(_path, StringComparison.OrdinalIgnoreCase))
        {
            await _next(http);
            return;
        }

        await AuthenticateUpgradeAsync(http);
        var offered = http.WebSockets.WebSocketRequestedProtocols;
        var subProtocol = offered.Contains(GraphQLTransportWsSession<TSchema>.SubProtocol)
            ? GraphQLTransportWsSession<TSchema>.SubProtocol
            : offered.Contains(SubscriptionsTransportWsSession<TSchema>.SubProtocol)
                ? SubscriptionsTransportWsSession<TSchema>.SubProtocol
                : null;

        var services = http.RequestServices;
        var metrics = services.GetService<GraphQLWebSocketMetrics>()
            ?? throw new InvalidOperationException("Register the GraphQL WebSocket services with services.AddGraphQLWebSockets().");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("GraphQLServer.WebSockets");

        // Admission before the session starts: the per-address cap (the per-user one is checked at connection_init).
        var (addressLease, refusal) = services.GetService<CallerLimits>() is { } limits
            ? await limits.AdmitWebSocketFromAsync(http.Connection.RemoteIpAddress)
            : (null, null);
        await using var heldPlace = addressLease;

        var accept = new WebSocketAcceptContext { SubProtocol = subProtocol };
        if (_options.PongTimeout is { } pongTimeout && _options.KeepAliveInterval is { } pingInterval && pingInterval > TimeSpan.Zero)
        {
            // WebSocket PING frames: a peer that no longer answers them (gone, or not reading at all) is aborted.
            accept.KeepAliveInterval = pingInterval;
            accept.KeepAliveTimeout = pongTimeout;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync(accept);
        using var connection = new GraphQLWebSocketConnection(socket, _options, metrics, logger);
        using var endOnShutdown = services.GetService<LiveConnectionRegistry>()?.Register(
            () => connection.Close(WebSocketCloseStatus.EndpointUnavailable, ShutdownReason));
        metrics.ConnectionOpened();
        try
        {
            if (refusal is not null)
            {
                // Accepted and closed at once, like 4406 below, so the client sees the reason.
                connection.Close(RateLimitRefusal.CloseCode, refusal.Message);
                await connection.RunAsync(_ => Task.CompletedTask, () => Task.CompletedTask);
                return;
            }

            if (subProtocol is null)
            {
                connection.Close(4406, "Subprotocol not acceptable");
                await connection.RunAsync(_ => Task.CompletedTask, () => Task.CompletedTask);
                return;
            }

            await using GraphQLWebSocketSession<TSchema> session = subProtocol == GraphQLTransportWsSession<TSchema>.SubProtocol
                ? new GraphQLTransportWsSession<TSchema>(http, connection, _options, _keepAlive, logger)
                : new SubscriptionsTransportWsSession<TSchema>(http, connection, _options, _keepAlive, logger);
            await session.RunAsync();
        }
        finally
        {
            metrics.ConnectionClosed();
        }
    }

    /// <summary>
    /// Served ahead of the authentication middleware (<see cref="Hosting.GraphQLServerEndpointExtensions.UseGraphQLServerWebSockets"/>),
    /// the upgrade request is authenticated here the way that middleware would: with the default scheme, its principal
    /// becoming the request's user. Behind it (the middleware has run) there is nothing to do.
    /// <para>
    /// The authentication service keeps the scheme's handler, and the handler its result, in the scope it was resolved
    /// from. The upgrade request and its scope live as long as the socket, so the handler is resolved from a scope of
    /// its own, disposed once the principal is known.
    /// </para>
    /// </summary>
    private static async Task AuthenticateUpgradeAsync(HttpContext http)
    {
        if (http.Features.Get<IAuthenticationFeature>() is not null
            || http.RequestServices.GetService<IAuthenticationSchemeProvider>() is not { } schemes
            || await schemes.GetDefaultAuthenticateSchemeAsync() is not { } scheme)
        {
            return;
        }

        var requestServices = http.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        AuthenticateResult result;
        http.RequestServices = scope.ServiceProvider;
        try
        {
            result = await http.AuthenticateAsync(scheme.Name);
        }
        finally
        {
            http.RequestServices = requestServices;
        }

        if (result.Principal is not null)
        {
            http.User = result.Principal;
        }
    }
}
