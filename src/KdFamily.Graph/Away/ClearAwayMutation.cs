using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Away;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Away;

public sealed record ClearAwayInput(string UserId);

public sealed class ClearAwayInputType : InputObjectGraphType<ClearAwayInput>
{
    public ClearAwayInputType()
    {
        Name = "ClearAwayInput";
        Description = "Whose away mode to end.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("The caller, or (for a parent or advisor) any current member of the family.");
    }
}

public sealed class ClearAwayErrorType() : ErrorUnionGraphType(
    "clearAway", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class ClearAwayPayloadType() : PayloadGraphType<User, UserType, ClearAwayErrorType>(
    "clearAway", "user", "The member, with `away` null.");

public static class ClearAwayMutation
{
    public static void AddClearAway(this ObjectGraphType mutation) =>
        mutation.AddUseCase<ClearAwayPayloadType, ClearAwayInputType, ClearAway, User>(
            "clearAway",
            "Ends a member's away mode: an upcoming period is dropped, a current one ends yesterday (the days already spent away keep "
            + "protecting the streak). A member clears their own; parents and advisors anyone's in the family. Nothing to clear is no error.",
            UserRole.Member,
            context => new ClearAway(context.RequireUserId(), GlobalId.Decode(context.Input<ClearAwayInput>().UserId, "User")));
}
