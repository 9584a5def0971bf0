using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;

namespace KdFamily.Application.Families;

public sealed record ChangeUserRole(Guid CallerId, Guid? UserId, UserRole Role) : IMemberCommand;

/// <summary>
/// An advisor gives another member of the family a new role; the family keeps at least one advisor, counted under the
/// family row lock so concurrent demotions cannot both pass. The new role applies to the member's next request.
/// </summary>
public sealed class ChangeUserRoleHandler(UseCasePipeline pipeline, ISessionChanges sessionChanges) : IUseCase<ChangeUserRole, User>
{

    public Task<Result<User>> HandleAsync(ChangeUserRole command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<User>(command, FamilyLocking.Family, async (work, token) =>
        {
            var target = await work.FindMemberAsync(command.UserId, token);
            if (target is null)
            {
                return NotFoundError.Of("User");
            }

            var oldRole = target.Role;
            var advisors = await work.CountAdvisorsAsync(token);
            var result = Membership.ChangeRole(work.Caller, target, command.Role, advisors, work.Now);
            if (result.Error is not null)
            {
                return result;
            }

            work.Audit.Record(
                AuditActions.UserRoleChanged, work.Caller.FamilyId, work.Caller.Id, "User", target.Id, new { oldRole = UserRoleNames.Of(oldRole), newRole = UserRoleNames.Of(target.Role) });
            work.AfterCommit(() => sessionChanges.AnnounceAsync(target.Id));
            return target;
        }, cancellationToken);
    }

}
