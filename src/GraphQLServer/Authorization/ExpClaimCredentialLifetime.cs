using System.Globalization;
using System.Security.Claims;

namespace GraphQLServer.Authorization;

/// <summary>
/// The default <see cref="ICredentialLifetime"/> (registered by <c>AddServerDefaults</c> unless the application
/// registers its own): a credential lasts until its JWT <c>exp</c> claim (seconds since the epoch) and is never
/// revoked, since nothing here knows the application's store.
/// </summary>
public sealed class ExpClaimCredentialLifetime : ICredentialLifetime
{
    /// <summary>The JWT claim that says when the credential ends (seconds since the epoch).</summary>
    public const string ExpiryClaim = "exp";

    public DateTimeOffset? ValidUntil(ClaimsPrincipal principal) => ExpiryOf(principal);

    public ValueTask<CredentialCheck> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CredentialCheck.Valid(principal));

    public IDisposable? Watch(ClaimsPrincipal principal, Action changed) => null;

    /// <summary>The <c>exp</c> claim of an authenticated principal; null for anonymous principals and tokens without one.</summary>
    public static DateTimeOffset? ExpiryOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true
        && long.TryParse(principal.FindFirst(ExpiryClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
