using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Families;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Families;

public sealed record RegenerateInviteCodeInput(string FamilyId);

public sealed class RegenerateInviteCodeInputType : InputObjectGraphType<RegenerateInviteCodeInput>
{
    public RegenerateInviteCodeInputType()
    {
        Name = "RegenerateInviteCodeInput";
        Description = "Which family's invite code to replace.";
        Field<NonNullGraphType<IdGraphType>>("familyId").Description("The caller's family.");
    }
}

public sealed class RegenerateInviteCodeErrorType() : ErrorUnionGraphType(
    "regenerateInviteCode", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class RegenerateInviteCodePayloadType() : PayloadGraphType<Family, FamilyType, RegenerateInviteCodeErrorType>(
    "regenerateInviteCode", "family", "The family with its new invite code.");

public static class RegenerateInviteCodeMutation
{
    public static void AddRegenerateInviteCode(this ObjectGraphType mutation) =>
        mutation.AddUseCase<RegenerateInviteCodePayloadType, RegenerateInviteCodeInputType, RegenerateInviteCode, Family>(
            "regenerateInviteCode",
            "Replaces the family's invite code so codes shared earlier stop working. Advisors only.",
            UserRole.Advisor,
            context => new RegenerateInviteCode(context.RequireUserId(), GlobalId.Decode(context.Input<RegenerateInviteCodeInput>().FamilyId, "Family")));
}
