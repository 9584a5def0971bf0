using KdFamily.Domain.Users;

namespace KdFamily.Application.Auth;

/// <summary>
/// Signs the short-lived access tokens of a login session (the host's JWT settings). A token names its session, and
/// the host honours it only while that session is live.
/// </summary>
public interface IAccessTokenIssuer
{
    /// <summary>How long a new session's refresh tokens stay usable.</summary>
    TimeSpan RefreshTokenLifetime { get; }

    (string Token, TimeSpan ExpiresIn) Issue(User user, Guid sessionId);
}
