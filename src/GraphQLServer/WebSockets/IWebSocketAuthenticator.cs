using System.Security.Claims;
using System.Text.Json;

namespace GraphQLServer.WebSockets;

/// <summary>
/// Turns the <c>connection_init</c> payload of a GraphQL WebSocket into the user every operation on that socket
/// runs as. Registered by the application (e.g. a JWT validator); without one, operations run as the upgrade
/// request's <see cref="HttpContext.User"/>.
/// </summary>
public interface IWebSocketAuthenticator
{
    ValueTask<WebSocketAuthenticationResult> AuthenticateAsync(HttpContext http, JsonElement? initPayload, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of <see cref="IWebSocketAuthenticator"/>: the user (possibly anonymous) and when its credential
/// expires (the socket is closed then), or a rejection (close 4403 Forbidden).
/// </summary>
public sealed record WebSocketAuthenticationResult(ClaimsPrincipal? User, DateTimeOffset? ExpiresAt, string? FailureReason)
{
    /// <summary>Close code of a rejection other than 4403 Forbidden (e.g. 4429 when the user has too many sockets).</summary>
    public int? CloseCode { get; init; }

    public bool Succeeded => User is not null;

    public static WebSocketAuthenticationResult Success(ClaimsPrincipal user, DateTimeOffset? expiresAt = null) => new(user, expiresAt, null);

    public static WebSocketAuthenticationResult Fail(string reason) => new(null, null, reason);
}
