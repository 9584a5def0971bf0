using GraphQL.Types;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using KdFamily.Application.Privacy;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Privacy;

public sealed record DeleteFamilyInput(string ConfirmName);

public sealed class DeleteFamilyInputType : InputObjectGraphType<DeleteFamilyInput>
{
    public DeleteFamilyInputType()
    {
        Name = "DeleteFamilyInput";
        Description = "Confirmation that the whole family is to be deleted.";
        Field<NonNullGraphType<StringGraphType>>("confirmName").Description("The family's name, exactly as stored (case and spaces count).");
    }
}

public sealed class DeleteFamilyErrorType() : ErrorUnionGraphType(
    "deleteFamily", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(FamilyNameMismatchErrorType));

public sealed class DeleteFamilyPayloadType : ObjectGraphType<MutationPayload<DeletedFamily>>
{
    public DeleteFamilyPayloadType()
    {
        Name = "DeleteFamilyPayload";
        Description = "The result of `deleteFamily`.";
        Field<IdGraphType>("deletedFamilyId")
            .Description("The deleted family's global ID. Every member's tokens stopped working with it.")
            .Resolve(c => c.Source.Value is { } deleted ? GlobalId.Encode("Family", deleted.FamilyId) : null);
        Field<ListGraphType<NonNullGraphType<DeleteFamilyErrorType>>>("errors")
            .Description("Why nothing was deleted; null when the family was.")
            .ListSize(1)
            .Resolve(c => c.Source.Errors);
    }
}

public static class DeleteFamilyMutation
{
    public static void AddDeleteFamily(this ObjectGraphType mutation) =>
        mutation.AddUseCase<DeleteFamilyPayloadType, DeleteFamilyInputType, DeleteFamily, DeletedFamily>(
            "deleteFamily",
            "Deletes the caller's family with every member's account and everything of theirs; it cannot be undone. "
            + "Advisors only, confirmed by the family's exact name.",
            UserRole.Advisor,
            context => new DeleteFamily(context.RequireUserId(), context.Input<DeleteFamilyInput>().ConfirmName));
}
