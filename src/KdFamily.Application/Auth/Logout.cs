using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Auth;

/// <summary>Ends the session <see cref="RefreshToken"/> belongs to; the refresh token is the credential, no access token is needed.</summary>
public sealed record Logout(string RefreshToken);

/// <summary>
/// Revokes the session of the refresh token, so its access tokens stop working too. Unknown tokens and ended sessions
/// change nothing (logout is idempotent); the answer says whether a session ended.
/// </summary>
public sealed class LogoutHandler(UseCasePipeline pipeline, ISessionChanges changes) : IUseCase<Logout, bool>
{
    public Task<Result<bool>> HandleAsync(Logout command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hash = SecureTokens.Hash(command.RefreshToken);
        return pipeline.RunAsync<bool>(async (work, token) =>
        {
            var session = await work.Db.RefreshTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash)
                .Select(t => new { t.SessionId, t.Session!.UserId })
                .FirstOrDefaultAsync(token);
            if (session is null
                || await LoginSessions.RevokeAsync(work.Db.AuthSessions.Where(s => s.Id == session.SessionId), LoginSessions.RevokedByLogout, work.Now, token) == 0)
            {
                return false;
            }

            work.AfterCommit(() => changes.AnnounceAsync(session.UserId));
            return true;
        }, cancellationToken);
    }
}
