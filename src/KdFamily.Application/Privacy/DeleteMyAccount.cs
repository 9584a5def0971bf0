using KdFamily.Application.Audit;
using KdFamily.Application.Auth;
using KdFamily.Application.Families;
using KdFamily.Application.Files;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Privacy;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Privacy;

public sealed record DeleteMyAccount(Guid CallerId, string Password) : IMemberCommand;

/// <summary>The account that was deleted (its row remains, pseudonymised).</summary>
public sealed record DeletedAccount(Guid UserId);

/// <summary>
/// A member deletes their own account after proving their password. The row is pseudonymised
/// (<see cref="AccountErasure.Erase"/>) and kept, so the family's ledger, history and everyone else's balances stay as
/// they were; what exists only for the account goes (<see cref="PersonalDataErasure.DeleteAccountDataAsync"/>: sessions,
/// tokens, mail, notifications, achievements, files); work assigned to them and not yet approved goes back to the family.
/// The last advisor of a family with other members is refused (<see cref="LastAdvisorError"/>); the last member takes
/// the whole family with them. Audited; a repeated deletion of an erased account answers the same success.
/// </summary>
public sealed class DeleteMyAccountHandler(UseCasePipeline pipeline, KdFamilyDbContext db, IPasswordHashing passwords, ISessionChanges sessionChanges, IFileStorage storage)
    : IUseCase<DeleteMyAccount, DeletedAccount>
{
    public async Task<Result<DeletedAccount>> HandleAsync(DeleteMyAccount command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // The slow hash runs before the unit of work, which holds a connection and a transaction (as for sign-in).
        var current = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.CallerId, cancellationToken);
        if (current?.ErasedAt is not null)
        {
            return new DeletedAccount(current.Id);
        }

        var proven = current is { RemovedAt: null } && passwords.Check(current, command.Password) != PasswordCheck.Wrong;
        var result = await pipeline.RunAsync<DeletedAccount>(command, FamilyLocking.Family, async (work, token) =>
        {
            var user = work.Caller;

            // A password changed since the check proves nothing: the caller must prove the password as it is now.
            if (!proven || user.PasswordHash != current!.PasswordHash)
            {
                return new InvalidCredentialsError("The password is wrong; nothing was deleted.");
            }

            var members = await work.Db.Users.CountAsync(u => u.FamilyId == user.FamilyId && u.RemovedAt == null, token);
            if (AccountErasure.Refusal(user, await work.CountAdvisorsAsync(token), members) is { } refused)
            {
                return refused;
            }

            if (members == 1)
            {
                // Nobody is left to keep the family's history: it goes with its last member.
                StoredFiles.DeleteAfterCommit(work, storage, await PersonalDataErasure.StoredFilesAsync(work.Db, [user.Id], user.FamilyId, token));
                var counts = await PersonalDataErasure.DeleteFamilyAsync(work.Db, user.FamilyId, token);
                work.Db.AuditLog.Add(AuditTrail.Entry(
                    NoRequestOrigin.Instance, work.Now, AuditActions.FamilyDeleted, user.FamilyId, user.Id, "Family", user.FamilyId,
                    new { reason = "last_member_deleted_account", counts.Members, counts.Tasks, counts.LedgerRows }));
                work.AfterCommit(() => sessionChanges.AnnounceAsync(user.Id));
                return new DeletedAccount(user.Id);
            }

            var formerName = user.FullName;
            AccountErasure.Erase(user, work.Now);
            var tasks = await work.Db.Tasks
                .Where(t => t.FamilyId == user.FamilyId && t.AssignedToId == user.Id && FamilyTask.HandedBackOnErasure.Contains(t.Status))
                .ToListAsync(token);
            var transitions = FamilyTask.HandBackWorkOfErased(user, tasks, work.Now);
            work.Db.TaskTransitions.AddRange(transitions);
            tasks.ForEach(t => work.Events.TaskChanged(t, TaskActions.Unassign));
            var series = RecurringTaskEditor.HandBackSeriesOf(
                user, await work.Db.RecurringTaskTemplates.Where(t => t.FamilyId == user.FamilyId && t.AssignedToId == user.Id).ToListAsync(token));
            StoredFiles.DeleteAfterCommit(work, storage, await PersonalDataErasure.StoredFilesAsync(work.Db, [user.Id], null, token));
            var sessions = await PersonalDataErasure.DeleteAccountDataAsync(work.Db, [user.Id], token);
            await PersonalDataErasure.ScrubTracesAsync(work.Db, user, formerName, token);

            // Written without the request's address: the row outlives the person and must not identify them.
            work.Db.AuditLog.Add(AuditTrail.Entry(
                NoRequestOrigin.Instance, work.Now, AuditActions.AccountDeleted, user.FamilyId, user.Id, "User", user.Id,
                new { role = UserRoleNames.Of(user.Role), tasksUnassigned = transitions.Count, recurringTasksUnassigned = series.Count, sessionsEnded = sessions }));
            work.Events.MemberRemoved(user);
            work.AfterCommit(() => sessionChanges.AnnounceAsync(user.Id));
            return new DeletedAccount(user.Id);
        }, cancellationToken);

        // A concurrent deletion of the same account won the family lock: this one finds an erased account, and that is success.
        return result.Error is NotFoundError && await db.Users.AsNoTracking().AnyAsync(u => u.Id == command.CallerId && u.ErasedAt != null, cancellationToken)
            ? new DeletedAccount(command.CallerId)
            : result;
    }
}
