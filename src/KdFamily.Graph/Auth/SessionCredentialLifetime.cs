using System.Security.Claims;
using GraphQLServer.Authorization;
using GraphQLServer.Http;
using KdFamily.Domain.Users;
using KdFamily.Graph.Outages;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Access tokens say who signed in and until when (their <c>exp</c>); the store says what they may do now. A
/// signed-in principal stays valid only while its session (`sid`) is live and its user a member; its family and role
/// claims are replaced by the stored ones, so every role check (the authorization rule, resolvers) sees the current
/// role, never the token's. The one answer HTTP, WebSocket and SSE ask about a caller's credential.
/// </summary>
public sealed class SessionCredentialLifetime(SessionAuthorityCache cache, IClock clock) : ICredentialLifetime
{
    public DateTimeOffset? ValidUntil(ClaimsPrincipal principal) => ExpClaimCredentialLifetime.ExpiryOf(principal);

    public async ValueTask<CredentialCheck> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return CredentialCheck.Valid(principal);
        }

        // Every token we issue names its session; one that does not cannot be revoked, so it is not accepted.
        if (principal.GetSessionId() is not { } sessionId || principal.GetUserId() is not { } userId)
        {
            return CredentialCheck.Revoked;
        }

        SessionAuthority? authority;
        try
        {
            authority = await cache.GetAsync(sessionId, cancellationToken);
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception))
        {
            // Not "revoked": the session could not be read. Callers answer SERVICE_UNAVAILABLE and keep the connection.
            throw new ServiceUnavailableError(DatabaseUnavailable.Message, DatabaseUnavailable.RetryAfter);
        }

        if (authority is null || authority.UserId != userId)
        {
            return CredentialCheck.Revoked;
        }

        if (authority.SessionExpiresAt <= clock.GetCurrentInstant())
        {
            return CredentialCheck.Expired;
        }

        // Only the claims the service reads go on (who, which session, until when; iss, aud, iat and nbf were checked
        // when the token was validated): open sockets and streams hold this principal for as long as they live.
        var claims = identity.Claims
            .Where(c => c.Type is KdFamilyClaims.UserId or KdFamilyClaims.Username or KdFamilyClaims.SessionId or ExpClaimCredentialLifetime.ExpiryClaim)
            .Append(new Claim(KdFamilyClaims.FamilyId, authority.FamilyId.ToString()))
            .Append(new Claim(KdFamilyClaims.Role, UserRoleNames.Of(authority.Role)));
        return CredentialCheck.Valid(new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType)));
    }

    public IDisposable? Watch(ClaimsPrincipal principal, Action changed) =>
        principal?.Identity?.IsAuthenticated == true && principal.GetUserId() is { } userId ? cache.Watch(userId, changed) : null;
}
