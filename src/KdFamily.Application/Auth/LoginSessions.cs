using KdFamily.Application.Audit;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Auth;

/// <summary>
/// A started or continued login session: the user, the session, a new access token (valid for
/// <see cref="ExpiresIn"/>) and the session's next single-use refresh token (only its hash is stored).
/// </summary>
public sealed record SignedIn(User User, Guid SessionId, string AccessToken, TimeSpan ExpiresIn, string RefreshToken);

/// <summary>
/// Login sessions as chains of single-use refresh tokens, written in the caller's unit of work. A session's access
/// tokens are honoured while it is live; revoking it ends them too.
/// </summary>
public sealed class LoginSessions(IAccessTokenIssuer tokens, IRequestOrigin origin)
{
    public const string RevokedByLogout = "logout";
    public const string RevokedByReuse = "refresh_token_reused";
    public const string RevokedByPasswordChange = "password_changed";
    public const string RevokedByPasswordReset = "password_reset";
    public const string RevokedByRemoval = "member_removed";
    public const string RevokedByPinReset = "pin_reset";

    /// <summary>Adds a new session for <paramref name="user"/>, from the request's address and client, with its first refresh token.</summary>
    public SignedIn Start(UnitOfWork work, User user)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(user);
        var session = new AuthSession
        {
            UserId = user.Id,
            CreatedAt = work.Now,
            ExpiresAt = work.Now + Duration.FromTimeSpan(tokens.RefreshTokenLifetime),
            IpAddress = origin.IpAddress,
            UserAgent = origin.UserAgent,
        };
        work.Db.AuthSessions.Add(session);
        return Continue(work, user, session.Id);
    }

    /// <summary>Adds the session's next refresh token (the presented one is spent) and issues a new access token.</summary>
    public SignedIn Continue(UnitOfWork work, User user, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (refreshToken, hash) = SecureTokens.New();
        work.Db.RefreshTokens.Add(new RefreshToken { SessionId = sessionId, TokenHash = hash, CreatedAt = work.Now });
        var (accessToken, expiresIn) = tokens.Issue(user, sessionId);
        return new SignedIn(user, sessionId, accessToken, expiresIn, refreshToken);
    }

    /// <summary>
    /// Revokes every live session of the user except <paramref name="keep"/>, in the unit of work's transaction; announce
    /// the change (<see cref="ISessionChanges"/>) after the commit.
    /// </summary>
    public static Task<int> RevokeAllAsync(
        KdFamilyDbContext db, Guid userId, Guid? keep, string reason, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RevokeAsync(db.AuthSessions.Where(s => s.UserId == userId && s.Id != keep), reason, now, cancellationToken);
    }

    /// <summary>Revokes those of <paramref name="sessions"/> still live; returns how many.</summary>
    public static Task<int> RevokeAsync(IQueryable<AuthSession> sessions, string reason, Instant now, CancellationToken cancellationToken) =>
        sessions.Where(s => s.RevokedAt == null).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason),
            cancellationToken);
}
