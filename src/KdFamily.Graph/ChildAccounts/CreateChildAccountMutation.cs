using GraphQL.Types;
using KdFamily.Application.ChildAccounts;
using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.ChildAccounts;

public sealed record CreateChildAccountInput(string Username, string FullName, string Pin);

public sealed class CreateChildAccountInputType : InputObjectGraphType<CreateChildAccountInput>
{
    public CreateChildAccountInputType()
    {
        Name = "CreateChildAccountInput";
        Description = "The child's sign-in name, display name and PIN.";
        Field<NonNullGraphType<StringGraphType>>("username").Description(
            $"Unique login name, {ChildAccount.MinUsername}–{ChildAccount.MaxUsername} letters, digits, '_', '.' or '-'; stored lower-cased, "
            + "unique whatever its case across all families.");
        Field<NonNullGraphType<StringGraphType>>("fullName").Description($"Display name (1 to {Profile.MaxFullName} characters).");
        Field<NonNullGraphType<StringGraphType>>("pin").Description(
            $"{ChildAccount.MinPin} to {ChildAccount.MaxPin} digits; the child signs in with it as the `password` of `POST /api/v1/auth/login`. Stored hashed.");
    }
}

public sealed class CreateChildAccountErrorType() : ErrorUnionGraphType(
    "createChildAccount",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType),
    typeof(ValidationErrorType),
    typeof(UsernameTakenErrorType),
    typeof(FamilyFullErrorType));

public sealed class CreateChildAccountPayloadType() : PayloadGraphType<User, UserType, CreateChildAccountErrorType>(
    "createChildAccount", "user", "The new child account (`isChildAccount: true`, a MEMBER without e-mail address).");

public static class CreateChildAccountMutation
{
    public static void AddCreateChildAccount(this ObjectGraphType mutation) =>
        mutation.AddUseCase<CreateChildAccountPayloadType, CreateChildAccountInputType, CreateChildAccount, User>(
            "createChildAccount",
            "A parent or advisor creates an account for a child in their family: a MEMBER without e-mail address who signs in with the "
            + "username and PIN. Only the family's parents reset its PIN or unlock it; the child cannot change their role, PIN, e-mail address or family.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<CreateChildAccountInput>();
                return new CreateChildAccount(context.RequireUserId(), input.Username, input.FullName, input.Pin);
            });
}
