using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;

namespace KdFamily.Application.Auth;

/// <summary>A new password for the caller; <see cref="SessionId"/> is the session they are signed in with, the one that stays live.</summary>
public sealed record ChangePassword(Guid CallerId, Guid? SessionId, string CurrentPassword, string NewPassword) : IMemberCommand;

/// <summary>A signed-in user proves the current password, sets a new one, and their other sessions end.</summary>
public sealed class ChangePasswordHandler(UseCasePipeline pipeline, IPasswordHashing passwords, ISessionChanges changes) : IUseCase<ChangePassword, User>
{
    public Task<Result<User>> HandleAsync(ChangePassword command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<User>(command, async (work, token) =>
        {
            var user = work.Caller;
            if (passwords.Check(user, command.CurrentPassword) == PasswordCheck.Wrong)
            {
                return new InvalidCredentialsError("The current password is wrong.");
            }

            user.PasswordHash = passwords.Hash(command.NewPassword);
            user.UpdatedAt = work.Now;
            var revoked = await LoginSessions.RevokeAllAsync(work.Db, user.Id, command.SessionId, LoginSessions.RevokedByPasswordChange, work.Now, token);
            work.Audit.RecordAccount(AuditActions.PasswordChanged, user, new { revokedSessions = revoked });
            work.AfterCommit(() => changes.AnnounceAsync(user.Id));
            return user;
        }, cancellationToken);
    }
}
