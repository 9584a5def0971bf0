using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.ChildAccounts;
using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.ChildAccounts;

public sealed record ResetChildPinInput(string UserId, string Pin);

public sealed class ResetChildPinInputType : InputObjectGraphType<ResetChildPinInput>
{
    public ResetChildPinInputType()
    {
        Name = "ResetChildPinInput";
        Description = "Whose PIN to set, and the new PIN.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("A child account of the caller's family.");
        Field<NonNullGraphType<StringGraphType>>("pin").Description($"The new PIN: {ChildAccount.MinPin} to {ChildAccount.MaxPin} digits.");
    }
}

public sealed class ResetChildPinErrorType() : ErrorUnionGraphType(
    "resetChildPin", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(NotChildAccountErrorType));

public sealed class ResetChildPinPayloadType() : PayloadGraphType<User, UserType, ResetChildPinErrorType>(
    "resetChildPin", "user", "The child account, unlocked, with its new PIN.");

public static class ResetChildPinMutation
{
    public static void AddResetChildPin(this ObjectGraphType mutation) =>
        mutation.AddUseCase<ResetChildPinPayloadType, ResetChildPinInputType, ResetChildPin, User>(
            "resetChildPin",
            "A parent or advisor of the child's family sets a new PIN. It also unlocks the account, and every session of the child ends "
            + "(their tokens stop working at once), so only the new PIN signs in from now on.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<ResetChildPinInput>();
                return new ResetChildPin(context.RequireUserId(), GlobalId.Decode(input.UserId, "User"), input.Pin);
            });
}
