using GraphQL.Types;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using KdFamily.Application.Privacy;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Families;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Privacy;

public sealed record DeleteMyAccountInput(string Password);

public sealed class DeleteMyAccountInputType : InputObjectGraphType<DeleteMyAccountInput>
{
    public DeleteMyAccountInputType()
    {
        Name = "DeleteMyAccountInput";
        Description = "The caller's current password, as proof that the account holder asks.";
        Field<NonNullGraphType<StringGraphType>>("password").Description("The caller's current password.");
    }
}

public sealed class DeleteMyAccountErrorType() : ErrorUnionGraphType(
    "deleteMyAccount", typeof(NotFoundErrorType), typeof(InvalidCredentialsErrorType), typeof(LastAdvisorErrorType));

public sealed class DeleteMyAccountPayloadType : ObjectGraphType<MutationPayload<DeletedAccount>>
{
    public DeleteMyAccountPayloadType()
    {
        Name = "DeleteMyAccountPayload";
        Description = "The result of `deleteMyAccount`.";
        Field<IdGraphType>("deletedUserId")
            .Description("The deleted account's global ID; its history in the family now shows \"Deleted member\". Sign the user out: their tokens no longer work.")
            .Resolve(c => c.Source.Value is { } deleted ? GlobalId.Encode("User", deleted.UserId) : null);
        Field<ListGraphType<NonNullGraphType<DeleteMyAccountErrorType>>>("errors")
            .Description("Why nothing was deleted; null when the account was.")
            .ListSize(1)
            .Resolve(c => c.Source.Errors);
    }
}

public static class DeleteMyAccountMutation
{
    public static void AddDeleteMyAccount(this ObjectGraphType mutation) =>
        mutation.AddUseCase<DeleteMyAccountPayloadType, DeleteMyAccountInputType, DeleteMyAccount, DeletedAccount>(
            "deleteMyAccount",
            "Deletes the caller's account for good: personal data erased or pseudonymised, sessions ended, files and notifications "
            + "deleted, unapproved tasks handed back to the family; the family's ledger and history stay. The family's last advisor "
            + "is refused (LAST_ADVISOR) while others remain; the last member deletes the family with them. Any member.",
            UserRole.Member,
            context => new DeleteMyAccount(context.RequireUserId(), context.Input<DeleteMyAccountInput>().Password));
}
