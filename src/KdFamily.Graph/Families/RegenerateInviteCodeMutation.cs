using GraphQL;
using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;

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
    public static void AddRegenerateInviteCode(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RegenerateInviteCodePayloadType>>("regenerateInviteCode")
            .Description("Replaces the family's invite code so codes shared earlier stop working. Advisors only.")
            .AuthorizeAtLeast(UserRole.Advisor)
            .Argument<NonNullGraphType<RegenerateInviteCodeInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<RegenerateInviteCodeInput>("input");
                var services = context.RequestServices!;
                var db = services.GetRequiredService<KdFamilyDbContext>();
                var actorId = context.RequireUserId();
                var familyId = GlobalId.Decode(input.FamilyId, "Family");
                var actor = await db.Users.FirstOrDefaultAsync(u => u.Id == actorId && u.RemovedAt == null, context.CancellationToken);
                var family = familyId is null ? null : await db.Families.FirstOrDefaultAsync(f => f.Id == familyId, context.CancellationToken);
                if (actor is null || family is null)
                {
                    return MutationPayload.Failure<Family>(NotFoundError.Of("Family"));
                }

                var result = FamilyAdministration.RegenerateInviteCode(family, actor, services.GetRequiredService<IClock>().GetCurrentInstant());
                if (result.IsSuccess)
                {
                    services.GetRequiredService<AuditTrail>().Record("family.invite_code_regenerated", family.Id, actor.Id, "Family", family.Id);
                    await db.SaveChangesAsync(context.CancellationToken);
                }

                return MutationPayload.From(result);
            });
    }
}
