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
/// The outcome of <see cref="IWebSocketAuthenticator"/>: the user (possibly anonymous), or a rejection (close 4403
/// Forbidden). When the user's credential ends is <see cref="Authorization.ICredentialLifetime"/>'s answer.
/// </summary>
public sealed record WebSocketAuthenticationResult(ClaimsPrincipal? User, string? FailureReason)
{
    /// <summary>Close code of a rejection other than 4403 Forbidden (e.g. 4429 when the user has too many sockets).</summary>
    public int? CloseCode { get; init; }

    public bool Succeeded => User is not null;

    public static WebSocketAuthenticationResult Success(ClaimsPrincipal user) => new(user, null);

    public static WebSocketAuthenticationResult Fail(string reason) => new(null, reason);
}
