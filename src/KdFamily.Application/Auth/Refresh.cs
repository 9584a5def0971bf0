using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Auth;

public sealed record Refresh(string RefreshToken);

/// <summary>
/// Exchanges a refresh token for the session's next one and a new access token. The presented token is spent with a
/// conditional update (<c>spent_at IS NULL</c>), so of two concurrent refreshes only one wins; presenting a spent token
/// — later or in such a race — is treated as theft and revokes the whole session, newest token included.
/// </summary>
public sealed class RefreshHandler(UseCasePipeline pipeline, LoginSessions sessions, ISessionChanges changes) : IUseCase<Refresh, SignedIn>
{
    public async Task<Result<SignedIn>> HandleAsync(Refresh command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hash = SecureTokens.Hash(command.RefreshToken);

        // The revocation of a reused token's session commits before the reuse is answered, so the work reports it as
        // "no session" rather than an error (which would roll it back).
        var outcome = await pipeline.RunAsync<SignedIn?>(async (work, token) =>
        {
            var presented = await work.Db.RefreshTokens.AsNoTracking()
                .Include(t => t.Session!).ThenInclude(s => s.User)
                .FirstOrDefaultAsync(t => t.TokenHash == hash, token);
            var session = presented?.Session;
            var user = session?.User;
            if (presented is null || session is null || user is null
                || session.RevokedAt is not null || session.ExpiresAt <= work.Now || user.RemovedAt is not null)
            {
                return new RefreshTokenInvalidError("The refresh token is invalid or expired.");
            }

            if (presented.SpentAt is null
                && await work.Db.RefreshTokens
                    .Where(t => t.Id == presented.Id && t.SpentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.SpentAt, work.Now), token) == 1)
            {
                return sessions.Continue(work, user, session.Id);
            }

            await LoginSessions.RevokeAsync(work.Db.AuthSessions.Where(s => s.Id == session.Id), LoginSessions.RevokedByReuse, work.Now, token);
            work.Audit.RecordAccount(AuditActions.RefreshTokenReused, user, new { sessionId = session.Id });
            work.AfterCommit(() => changes.AnnounceAsync(user.Id));
            return (SignedIn?)null;
        }, cancellationToken);
        return outcome switch
        {
            { Error: { } error } => error,
            { Value: { } signedIn } => signedIn,
            _ => new RefreshTokenReusedError("The refresh token was already used."),
        };
    }
}
