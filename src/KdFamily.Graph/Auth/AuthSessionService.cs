using GraphQLServer.Relay;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Auth;

public enum RefreshOutcome
{
    Refreshed,
    Invalid,
    Reused,
}

/// <summary>
/// Login sessions as chains of single-use refresh tokens. Refreshing spends the presented token with a conditional
/// update (<c>spent_at IS NULL</c>), so of two concurrent refreshes only one wins; presenting a spent token — later or
/// in such a race — is treated as theft and revokes the whole session, newest token included.
/// </summary>
public sealed class AuthSessionService(KdFamilyDbContext db, AccessTokenIssuer issuer, IOptions<JwtOptions> jwt, IClock clock, SessionChanges changes)
{
    public const string RevokedByLogout = "logout";
    public const string RevokedByReuse = "refresh_token_reused";
    public const string RevokedByPasswordChange = "password_changed";
    public const string RevokedByPasswordReset = "password_reset";

    /// <summary>Adds a new session with its first refresh token to the context (saved by the caller).</summary>
    public AuthResponse Start(User user, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(http);
        var now = clock.GetCurrentInstant();
        var session = new AuthSession
        {
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + Duration.FromTimeSpan(jwt.Value.RefreshTokenLifetime),
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 500)] : null,
        };
        db.AuthSessions.Add(session);
        return Respond(user, session.Id, AddToken(session.Id, now));
    }

    public async Task<(RefreshOutcome Outcome, AuthResponse? Response)> RefreshAsync(string presented, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var hash = SecureTokens.Hash(presented);
        var token = await db.RefreshTokens.AsNoTracking()
            .Include(t => t.Session!).ThenInclude(s => s.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var session = token?.Session;
        var user = session?.User;
        if (token is null || session is null || user is null || session.RevokedAt is not null || session.ExpiresAt <= now || user.RemovedAt is not null)
        {
            return (RefreshOutcome.Invalid, null);
        }

        if (token.SpentAt is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var spent = await db.RefreshTokens
                .Where(t => t.Id == token.Id && t.SpentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.SpentAt, now), cancellationToken);
            if (spent == 1)
            {
                var next = AddToken(session.Id, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (RefreshOutcome.Refreshed, Respond(user, session.Id, next));
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        await RevokeAsync(db.AuthSessions.Where(s => s.Id == session.Id), RevokedByReuse, now, cancellationToken);
        AuthAudit.Record(db, http, now, AuthAudit.RefreshTokenReused, user, new { sessionId = session.Id });
        await db.SaveChangesAsync(cancellationToken);
        await changes.AnnounceAsync(user.Id);
        return (RefreshOutcome.Reused, null);
    }

    /// <summary>
    /// Revokes the session the token belongs to, so its access tokens stop working too; unknown tokens are ignored
    /// (logout is idempotent).
    /// </summary>
    public async Task LogoutAsync(string presented, CancellationToken cancellationToken)
    {
        var hash = SecureTokens.Hash(presented);
        var session = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new { t.SessionId, t.Session!.UserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (session is not null
            && await RevokeAsync(db.AuthSessions.Where(s => s.Id == session.SessionId), RevokedByLogout, clock.GetCurrentInstant(), cancellationToken) > 0)
        {
            await changes.AnnounceAsync(session.UserId);
        }
    }

    /// <summary>
    /// Revokes every live session of the user except <paramref name="keep"/>. Inside a transaction: call
    /// <see cref="SessionChanges.AnnounceAsync"/> once it has committed.
    /// </summary>
    public Task<int> RevokeAllAsync(Guid userId, Guid? keep, string reason, CancellationToken cancellationToken) =>
        RevokeAsync(db.AuthSessions.Where(s => s.UserId == userId && s.Id != keep), reason, clock.GetCurrentInstant(), cancellationToken);

    private static Task<int> RevokeAsync(IQueryable<AuthSession> sessions, string reason, Instant now, CancellationToken cancellationToken) =>
        sessions.Where(s => s.RevokedAt == null).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason),
            cancellationToken);

    private string AddToken(Guid sessionId, Instant now)
    {
        var (token, hash) = SecureTokens.New();
        db.RefreshTokens.Add(new RefreshToken { SessionId = sessionId, TokenHash = hash, CreatedAt = now });
        return token;
    }

    private AuthResponse Respond(User user, Guid sessionId, string refreshToken)
    {
        var (accessToken, expiresIn) = issuer.Issue(user, sessionId);
        return new AuthResponse(accessToken, refreshToken, (int)expiresIn.TotalSeconds, "Bearer", ToUserResponse(user));
    }

    public static AuthUserResponse ToUserResponse(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AuthUserResponse(
            GlobalId.Encode("User", user.Id),
            user.Username,
            user.FullName,
            KdFamilyPolicies.RoleClaimValue(user.Role),
            GlobalId.Encode("Family", user.FamilyId));
    }
}
