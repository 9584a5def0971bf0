using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;

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

public static class RemoveMemberMutation
{
    public static void AddRemoveMember(this ObjectGraphType mutation) =>
        mutation.AddUseCase<RemoveMemberPayloadType, RemoveMemberInputType, RemoveMember, User>(
            "removeMember",
            "Removes a member from the family: they can no longer sign in or refresh tokens, and their PENDING, IN_PROGRESS and REJECTED "
            + "tasks become unassigned PENDING tasks. Advisors only; the last advisor cannot remove themself.",
            UserRole.Advisor,
            context => new RemoveMember(context.RequireUserId(), GlobalId.Decode(context.Input<RemoveMemberInput>().UserId, "User")));
}
