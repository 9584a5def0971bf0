using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Auth;

/// <summary>A new password with the reset token mailed by <see cref="ProcessPasswordResetRequestsHandler"/>.</summary>
public sealed record ResetPassword(string Token, string NewPassword);

/// <summary>
/// Spends the reset token (once, before it expires), sets the password, and ends every session of the user; the
/// user's other outstanding reset links stop working too.
/// </summary>
public sealed class ResetPasswordHandler(UseCasePipeline pipeline, IPasswordHashing passwords, ISessionChanges changes) : IUseCase<ResetPassword, User>
{
    public Task<Result<User>> HandleAsync(ResetPassword command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hash = SecureTokens.Hash(command.Token);
        return pipeline.RunAsync<User>(async (work, token) =>
        {
            var reset = await work.Db.PasswordResetTokens.AsNoTracking().Include(t => t.User)
                .FirstOrDefaultAsync(t => t.TokenHash == hash, token);
            // Reset links go to e-mail addresses, which child accounts have none of; their PIN is reset by a parent.
            var spent = reset is { UsedAt: null, User.RemovedAt: null, User.IsChildAccount: false } && reset.ExpiresAt > work.Now
                ? await work.Db.PasswordResetTokens
                    .Where(t => t.Id == reset.Id && t.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, work.Now), token)
                : 0;
            if (spent == 0)
            {
                return new ResetTokenInvalidError("The reset token is invalid, expired or already used.");
            }

            var user = await work.Db.Users.FirstAsync(u => u.Id == reset!.UserId, token);
            user.PasswordHash = passwords.Hash(command.NewPassword);
            user.UpdatedAt = work.Now;
            await work.Db.PasswordResetTokens
                .Where(t => t.UserId == user.Id && t.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, work.Now), token);
            var revoked = await LoginSessions.RevokeAllAsync(work.Db, user.Id, keep: null, LoginSessions.RevokedByPasswordReset, work.Now, token);
            work.Audit.RecordAccount(AuditActions.PasswordReset, user, new { revokedSessions = revoked });
            work.AfterCommit(() => changes.AnnounceAsync(user.Id));
            return user;
        }, cancellationToken);
    }
}
