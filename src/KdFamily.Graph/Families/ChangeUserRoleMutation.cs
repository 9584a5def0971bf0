using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.ChildAccounts;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;

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
    "changeUserRole",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType),
    typeof(SelfRoleChangeErrorType),
    typeof(LastAdvisorErrorType),
    typeof(ChildAccountRestrictedErrorType));

public sealed class ChangeUserRolePayloadType() : PayloadGraphType<User, UserType, ChangeUserRoleErrorType>(
    "changeUserRole", "user", "The member with their new role.");

public static class ChangeUserRoleMutation
{
    public static void AddChangeUserRole(this ObjectGraphType mutation) =>
        mutation.AddUseCase<ChangeUserRolePayloadType, ChangeUserRoleInputType, ChangeUserRole, User>(
            "changeUserRole",
            "Gives a member of the family another role. Advisors only; nobody changes their own role; a child account stays a MEMBER; "
            + "the family keeps at least one advisor. "
            + "The new role applies to the member's next request, with the access token they already hold.",
            UserRole.Advisor,
            context =>
            {
                var input = context.Input<ChangeUserRoleInput>();
                return new ChangeUserRole(context.RequireUserId(), GlobalId.Decode(input.UserId, "User"), input.Role);
            });
}
