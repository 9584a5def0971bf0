using System.Security.Claims;

namespace GraphQLServer.Authorization;

/// <summary>
/// Re-reads, from the application's store, the authority behind a principal that was authenticated earlier (a
/// long-lived WebSocket, an SSE stream, each subscription event). Registered by the application; without one, the
/// transports keep the principal they authenticated.
/// </summary>
public interface IPrincipalRevalidator
{
    /// <summary>
    /// The principal as it stands now (its claims refreshed from the store), or null when its authority is gone
    /// (signed out, session revoked, account removed). Anonymous principals are returned as they are.
    /// </summary>
    ValueTask<ClaimsPrincipal?> RevalidateAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> (on any thread; keep it short) whenever the authority behind
    /// <paramref name="principal"/> may have changed, on this instance or another. Dispose the result to stop;
    /// null for principals that cannot change (anonymous).
    /// </summary>
    IDisposable? Watch(ClaimsPrincipal principal, Action changed);
}
