using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Auth;

/// <summary>A new password for the caller; <see cref="SessionId"/> is the session they are signed in with, the one that stays live.</summary>
public sealed record ChangePassword(Guid CallerId, Guid? SessionId, string CurrentPassword, string NewPassword) : IMemberCommand;

/// <summary>
/// A signed-in user proves the current password, sets a new one, and their other sessions end. Child accounts have a
/// PIN instead, which only their parents reset (CHILD_ACCOUNT_RESTRICTED).
/// </summary>
public sealed class ChangePasswordHandler(UseCasePipeline pipeline, KdFamilyDbContext db, IPasswordHashing passwords, ISessionChanges changes)
    : IUseCase<ChangePassword, User>
{
    public async Task<Result<User>> HandleAsync(ChangePassword command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // Both slow hashes run before the unit of work, which holds a connection and a transaction (as for sign-in).
        var current = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.CallerId && u.RemovedAt == null, cancellationToken);
        if (current is { IsChildAccount: true })
        {
            return new ChildAccountRestrictedError("A child account has a PIN, not a password; a parent of the family resets it.");
        }

        var proven = current is not null && passwords.Check(current, command.CurrentPassword) != PasswordCheck.Wrong;
        var newHash = proven ? passwords.Hash(command.NewPassword) : null;
        return await pipeline.RunAsync<User>(command, async (work, token) =>
        {
            var user = work.Caller;

            // A password changed since the check proves nothing: the caller must prove the password as it is now.
            if (!proven || user.PasswordHash != current!.PasswordHash)
            {
                return new InvalidCredentialsError("The current password is wrong.");
            }

            user.PasswordHash = newHash!;
            user.UpdatedAt = work.Now;
            var revoked = await LoginSessions.RevokeAllAsync(work.Db, user.Id, command.SessionId, LoginSessions.RevokedByPasswordChange, work.Now, token);
            work.Audit.RecordAccount(AuditActions.PasswordChanged, user, new { revokedSessions = revoked });
            work.AfterCommit(() => changes.AnnounceAsync(user.Id));
            return user;
        }, cancellationToken);
    }
}
