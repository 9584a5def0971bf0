using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.ChildAccounts;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.ChildAccounts;

public sealed record UnlockChildAccountInput(string UserId);

public sealed class UnlockChildAccountInputType : InputObjectGraphType<UnlockChildAccountInput>
{
    public UnlockChildAccountInputType()
    {
        Name = "UnlockChildAccountInput";
        Description = "Which child account to unlock.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("A child account of the caller's family.");
    }
}

public sealed class UnlockChildAccountErrorType() : ErrorUnionGraphType(
    "unlockChildAccount", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(NotChildAccountErrorType));

public sealed class UnlockChildAccountPayloadType() : PayloadGraphType<User, UserType, UnlockChildAccountErrorType>(
    "unlockChildAccount", "user", "The child account, no longer locked.");

public static class UnlockChildAccountMutation
{
    public static void AddUnlockChildAccount(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UnlockChildAccountPayloadType, UnlockChildAccountInputType, UnlockChildAccount, User>(
            "unlockChildAccount",
            "A parent or advisor of the child's family lifts the lock that wrong PINs set (`AUTH_LOCKED` at login) and clears the count of "
            + "failed attempts; the PIN and the child's sessions stay as they are. `resetChildPin` unlocks too.",
            UserRole.Parent,
            context => new UnlockChildAccount(context.RequireUserId(), GlobalId.Decode(context.Input<UnlockChildAccountInput>().UserId, "User")));
}
