using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;

namespace KdFamily.Application.ChildAccounts;

public sealed record UnlockChildAccount(Guid CallerId, Guid? UserId) : IMemberCommand;

/// <summary>
/// A parent or advisor of the child's family lifts the lock wrong PINs set and forgets the failed attempts; the PIN and
/// the child's sessions stay as they are. Unlocking an account that is not locked only clears its count.
/// </summary>
public sealed class UnlockChildAccountHandler(UseCasePipeline pipeline) : IUseCase<UnlockChildAccount, User>
{
    public Task<Result<User>> HandleAsync(UnlockChildAccount command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<User>(command, async (work, token) =>
        {
            var child = await work.FindMemberAsync(command.UserId, token);
            if (ChildAccount.CheckManagedBy(work.Caller, child) is { } refused)
            {
                return refused;
            }

            var details = new { wasLocked = child!.PinLockedUntil > work.Now, failedAttempts = child.PinFailedAttempts };
            ChildAccount.Unlock(child, work.Now);
            work.Audit.Record(AuditActions.ChildAccountUnlocked, child.FamilyId, work.Caller.Id, "User", child.Id, details);
            return child;
        }, cancellationToken);
    }
}
