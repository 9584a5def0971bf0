using GraphQL;
using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;
using KdFamily.Graph.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Families;

public sealed record ChangeUserRoleInput(string UserId, UserRole Role);

public sealed class ChangeUserRoleInputType : InputObjectGraphType<ChangeUserRoleInput>
{
    public ChangeUserRoleInputType()
    {
        Name = "ChangeUserRoleInput";
        Description = "Whose role to change, and to what.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("A current member of the caller's family, not the caller.");
        Field<NonNullGraphType<UserRoleType>>("role").Description("The new role.");
    }
}

public sealed class ChangeUserRoleErrorType() : ErrorUnionGraphType(
    "changeUserRole", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(SelfRoleChangeErrorType), typeof(LastAdvisorErrorType));

public sealed class ChangeUserRolePayloadType() : PayloadGraphType<User, UserType, ChangeUserRoleErrorType>(
    "changeUserRole", "user", "The member with their new role.");

public static class ChangeUserRoleMutation
{
    public const string AuditAction = "user.role_changed";

    public static void AddChangeUserRole(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ChangeUserRolePayloadType>>("changeUserRole")
            .Description("Gives a member of the family another role. Advisors only; nobody changes their own role; the family keeps at least one advisor. "
                + "The new role applies to the member's next request, with the access token they already hold.")
            .AuthorizeAtLeast(UserRole.Advisor)
            .Argument<NonNullGraphType<ChangeUserRoleInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<ChangeUserRoleInput>("input");
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

                var oldRole = target.Role;
                var advisors = await FamilyLock.CountAdvisorsAsync(db, actor.FamilyId, cancellationToken);
                var result = Membership.ChangeRole(actor, target, input.Role, advisors, services.GetRequiredService<IClock>().GetCurrentInstant());
                if (result.IsSuccess)
                {
                    services.GetRequiredService<AuditTrail>().Record(
                        AuditAction, actor.FamilyId, actor.Id, "User", target.Id, new { oldRole = RoleName(oldRole), newRole = RoleName(target.Role) });
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    await services.GetRequiredService<SessionChanges>().AnnounceAsync(target.Id);
                }

                return MutationPayload.From(result);
            });
    }

    /// <summary>The role as the schema spells it (e.g. ADVISOR), for audit details.</summary>
    internal static string RoleName(UserRole role) => role.ToString().ToUpperInvariant();
}
