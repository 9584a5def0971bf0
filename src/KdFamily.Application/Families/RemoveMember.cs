using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Families;

public sealed record RemoveMember(Guid CallerId, Guid? UserId) : IMemberCommand;

/// <summary>
/// An advisor removes a member (themself too, unless they are the last advisor, counted under the family row lock):
/// the member's row keeps its history, their login sessions are revoked so no refresh token works any more, and their
/// unfinished work goes back to the family through the workflow (<see cref="FamilyTask.HandBackWorkOf"/>), each task
/// handed back announced as updated, and the removal as memberRemoved; the recurring series assigned to them are left unassigned too. Audited; open connections re-check the member after the commit.
/// </summary>
public sealed class RemoveMemberHandler(UseCasePipeline pipeline, ISessionChanges sessionChanges) : IUseCase<RemoveMember, User>
{
    public Task<Result<User>> HandleAsync(RemoveMember command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<User>(command, FamilyLocking.Family, async (work, token) =>
        {
            var target = await work.FindMemberAsync(command.UserId, token);
            if (target is null)
            {
                return NotFoundError.Of("User");
            }

            var advisors = await work.CountAdvisorsAsync(token);
            var result = Membership.Remove(work.Caller, target, advisors, work.Now);
            if (result.Error is not null)
            {
                return result;
            }

            var tasks = await work.Db.Tasks
                .Where(t => t.FamilyId == target.FamilyId && t.AssignedToId == target.Id && FamilyTask.HandedBackOnRemoval.Contains(t.Status))
                .ToListAsync(token);
            var transitions = FamilyTask.HandBackWorkOf(target, tasks, work.Caller, work.Now);
            work.Db.TaskTransitions.AddRange(transitions);
            foreach (var task in tasks.Where(t => transitions.Any(x => x.TaskId == t.Id)))
            {
                work.Events.TaskChanged(task, TaskActions.Unassign);
            }

            var series = RecurringTaskEditor.HandBackSeriesOf(
                target, await work.Db.RecurringTaskTemplates.Where(t => t.FamilyId == target.FamilyId && t.AssignedToId == target.Id).ToListAsync(token));
            var sessions = await LoginSessions.RevokeAllAsync(work.Db, target.Id, keep: null, LoginSessions.RevokedByRemoval, work.Now, token);
            work.Audit.Record(
                AuditActions.UserRemoved, work.Caller.FamilyId, work.Caller.Id, "User", target.Id,
                new { role = UserRoleNames.Of(target.Role), tasksUnassigned = transitions.Count, recurringTasksUnassigned = series.Count, sessionsRevoked = sessions });
            work.Events.MemberRemoved(target);
            work.AfterCommit(() => sessionChanges.AnnounceAsync(target.Id));
            return result;
        }, cancellationToken);
    }
}
