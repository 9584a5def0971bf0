using System.Security.Claims;

namespace GraphQLServer.Authorization;

/// <summary>
/// How long the credential behind an authenticated principal holds, for connections that outlive a request (a
/// WebSocket, an SSE stream, each subscription event): until when it is valid, and whether it still is when asked
/// again. Registered by the application; the default (<see cref="ExpClaimCredentialLifetime"/>) only knows a token's
/// <c>exp</c>.
/// </summary>
public interface ICredentialLifetime
{
    /// <summary>
    /// When the credential behind <paramref name="principal"/> stops being valid (e.g. its access token's expiry);
    /// null when it has no end of its own (anonymous principals). The transports end the connection then.
    /// </summary>
    DateTimeOffset? ValidUntil(ClaimsPrincipal principal);

    /// <summary>
    /// Re-checks <paramref name="principal"/> against the application's store: valid (with the principal as it stands
    /// now, its claims refreshed), expired, or revoked (signed out, session revoked, account removed). Anonymous
    /// principals are valid as they are. Throws an <see cref="GraphQL.ExecutionError"/> when the store cannot be read
    /// just now, which is neither.
    /// </summary>
    ValueTask<CredentialCheck> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> (on any thread; keep it short) whenever the credential behind
    /// <paramref name="principal"/> may have changed, on this instance or another. Dispose the result to stop;
    /// null for principals that cannot change (anonymous).
    /// </summary>
    IDisposable? Watch(ClaimsPrincipal principal, Action changed);
}

public enum CredentialState
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>The answer of <see cref="ICredentialLifetime.CheckAsync"/>; <see cref="Principal"/> is set when valid.</summary>
public sealed record CredentialCheck(CredentialState State, ClaimsPrincipal? Principal)
{
    public static CredentialCheck Expired { get; } = new(CredentialState.Expired, null);

    public static CredentialCheck Revoked { get; } = new(CredentialState.Revoked, null);

    public bool IsValid => State == CredentialState.Valid;

    public static CredentialCheck Valid(ClaimsPrincipal principal) => new(CredentialState.Valid, principal);
}
