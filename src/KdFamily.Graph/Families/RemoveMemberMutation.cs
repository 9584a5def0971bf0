using GraphQL;
using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Audit;
using KdFamily.Application.Events;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

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
/// token works any more, and hands their unfinished work back to the family through the workflow
/// (<see cref="FamilyTask.HandBackWorkOf"/>: PENDING, IN_PROGRESS and REJECTED become unassigned PENDING tasks; COMPLETED stay assigned).
/// </summary>
public static class RemoveMemberMutation
{
    public const string SessionRevokedReason = "member_removed";

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
                    .Where(t => t.FamilyId == target.FamilyId && t.AssignedToId == target.Id && FamilyTask.HandedBackOnRemoval.Contains(t.Status))
                    .ToListAsync(cancellationToken);
                var transitions = FamilyTask.HandBackWorkOf(target, tasks, actor, now);
                db.TaskTransitions.AddRange(transitions);
                var sessions = await db.AuthSessions
                    .Where(s => s.UserId == target.Id && s.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, SessionRevokedReason), cancellationToken);
                services.GetRequiredService<AuditTrail>().Record(
                    AuditActions.UserRemoved, actor.FamilyId, actor.Id, "User", target.Id,
                    new { role = UserRoleNames.Of(target.Role), tasksUnassigned = transitions.Count, sessionsRevoked = sessions });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                var events = services.GetRequiredService<IFamilyEvents>();
                foreach (var task in tasks.Where(t => transitions.Any(x => x.TaskId == t.Id)))
                {
                    events.TaskChanged(task, TaskActions.Unassign);
                }

                await events.PublishAsync();
                await services.GetRequiredService<SessionChanges>().AnnounceAsync(target.Id);
                return MutationPayload.From(result);
            });
    }
}
