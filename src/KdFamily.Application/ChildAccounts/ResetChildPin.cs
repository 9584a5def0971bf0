using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;

namespace KdFamily.Application.ChildAccounts;

public sealed record ResetChildPin(Guid CallerId, Guid? UserId, string Pin) : IMemberCommand;

/// <summary>
/// A parent or advisor of the child's family sets a new PIN: the account is unlocked and every session of the child
/// ends (announced to every instance after the commit), so only the new PIN signs in from now on.
/// </summary>
public sealed class ResetChildPinHandler(UseCasePipeline pipeline, IPasswordHashing passwords, ISessionChanges changes)
    : IUseCase<ResetChildPin, User>
{
    public async Task<Result<User>> HandleAsync(ResetChildPin command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (ChildAccount.CheckPin(command.Pin) is { } badPin)
        {
            return badPin;
        }

        var pinHash = passwords.Hash(command.Pin);
        return await pipeline.RunAsync<User>(command, async (work, token) =>
        {
            var child = await work.FindMemberAsync(command.UserId, token);
            if (ChildAccount.CheckManagedBy(work.Caller, child) is { } refused)
            {
                return refused;
            }

            var wasLocked = child!.PinLockedUntil > work.Now;
            ChildAccount.ResetPin(child, pinHash, work.Now);
            var revoked = await LoginSessions.RevokeAllAsync(work.Db, child.Id, keep: null, LoginSessions.RevokedByPinReset, work.Now, token);
            work.Audit.Record(AuditActions.ChildPinReset, child.FamilyId, work.Caller.Id, "User", child.Id, new { revokedSessions = revoked, unlocked = wasLocked });
            work.AfterCommit(() => changes.AnnounceAsync(child.Id));
            return child;
        }, cancellationToken);
    }
}
