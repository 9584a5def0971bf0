using GraphQL;
using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;
using KdFamily.Graph.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using TaskStatus = KdFamily.Domain.Tasks.TaskStatus;

namespace KdFamily.Graph.Families;

public sealed record RemoveMemberInput(string UserId);

public sealed class RemoveMemberInputType : InputObjectGraphType<RemoveMemberInput>
{
    public RemoveMemberInputType()
    {
        Name = "RemoveMemberInput";
        Description = "Whom to remove from the family.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("A current member of the caller's family (the caller too, unless they are the last advisor).");
    }
}

public sealed class RemoveMemberErrorType() : ErrorUnionGraphType(
    "removeMember", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(LastAdvisorErrorType));

public sealed class RemoveMemberPayloadType() : PayloadGraphType<User, UserType, RemoveMemberErrorType>(
    "removeMember", "user", "The removed member (no longer listed in `members`).");

/// <summary>
/// `removeMember`: sets RemovedAt (history keeps pointing at the user), revokes all their login sessions so no refresh
/// token works any more, and hands their unfinished work back to the family: tasks assigned to them that are PENDING,
/// IN_PROGRESS or REJECTED become PENDING and unassigned (claimable again; REJECTED is included because only its
/// assignee could restart it). COMPLETED tasks stay assigned so a parent can still approve or reject the work done.
/// </summary>
public static class RemoveMemberMutation
{
    public const string AuditAction = "user.removed";
    public const string SessionRevokedReason = "member_removed";

    private static readonly TaskStatus[] HandedBack = [TaskStatus.Pending, TaskStatus.InProgress, TaskStatus.Rejected];

    public static void AddRemoveMember(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RemoveMemberPayloadType>>("removeMember")
            .Description("Removes a member from the family: they can no longer sign in or refresh tokens, and their PENDING, IN_PROGRESS and REJECTED "
                + "tasks become unassigned PENDING tasks. Advisors only; the last advisor cannot remove themself.")
            .AuthorizeAtLeast(UserRole.Advisor)
            .Argument<NonNullGraphType<RemoveMemberInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<RemoveMemberInput>("input");
                var services = context.RequestServices!;
                var db = services.GetRequiredService<KdFamilyDbContext>();
                var cancellationToken = context.CancellationToken;
                var actorId = context.RequireUserId();
                var familyId = context.RequireFamilyId();
                var targetId = GlobalId.Decode(input.UserId, "User");

                await using var transaction = await FamilyLock.LockAsync(db, familyId, cancellationToken);
                var actor = await db.Users.FirstOrDefaultAsync(u => u.Id == actorId && u.RemovedAt == null, cancellationToken);
                var target = targetId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == targetId, cancellationToken);
                if (actor is null || target is null)
                {
                    return MutationPayload.Failure<User>(NotFoundError.Of("User"));
                }

                var now = services.GetRequiredService<IClock>().GetCurrentInstant();
                var advisors = await FamilyLock.CountAdvisorsAsync(db, actor.FamilyId, cancellationToken);
                var result = Membership.Remove(actor, target, advisors, now);
                if (!result.IsSuccess)
                {
                    return MutationPayload.From(result);
                }

                var tasks = await db.Tasks
                    .Where(t => t.FamilyId == target.FamilyId && t.AssignedToId == target.Id && HandedBack.Contains(t.Status))
                    .ToListAsync(cancellationToken);
                foreach (var task in tasks)
                {
                    db.TaskTransitions.Add(new TaskTransition
                    {
                        TaskId = task.Id, FromStatus = task.Status, ToStatus = TaskStatus.Pending, Action = "unassigned", ActorId = actor.Id,
                        Note = "The assignee was removed from the family.", At = now,
                    });
                    task.Status = TaskStatus.Pending;
                    task.AssignedToId = null;
                    task.StartedAt = null;
                    task.UpdatedAt = now;
                }

                var sessions = await db.AuthSessions
                    .Where(s => s.UserId == target.Id && s.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, SessionRevokedReason), cancellationToken);
                services.GetRequiredService<AuditTrail>().Record(
                    AuditAction, actor.FamilyId, actor.Id, "User", target.Id,
                    new { role = ChangeUserRoleMutation.RoleName(target.Role), tasksUnassigned = tasks.Count, sessionsRevoked = sessions });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await services.GetRequiredService<SessionChanges>().AnnounceAsync(target.Id);
                return MutationPayload.From(result);
            });
    }
}
