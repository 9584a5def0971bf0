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

public sealed record UpdateFamilyInput(string FamilyId, string? Name = null, string? Description = null, string? TimeZone = null);

public sealed class UpdateFamilyInputType : InputObjectGraphType<UpdateFamilyInput>
{
    public UpdateFamilyInputType()
    {
        Name = "UpdateFamilyInput";
        Description = "New settings for the family; fields left out (or null) stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("familyId").Description("The caller's family.");
        Field<StringGraphType>("name").Description("New name (1 to 100 characters).");
        Field<StringGraphType>("description").Description("New description (at most 1000 characters); an empty string removes it.");
        Field<StringGraphType>("timeZone").Description("New IANA time zone, e.g. \"Europe/Berlin\"; weeks and streaks are computed in it.");
    }
}

public sealed class UpdateFamilyErrorType() : ErrorUnionGraphType(
    "updateFamily", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType));

public sealed class UpdateFamilyPayloadType() : PayloadGraphType<Family, FamilyType, UpdateFamilyErrorType>(
    "updateFamily", "family", "The family with its new settings.");

public static class UpdateFamilyMutation
{
    public const string AuditAction = "family.updated";

    public static void AddUpdateFamily(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UpdateFamilyPayloadType>>("updateFamily")
            .Description("Changes the family's name, description or time zone. Advisors only.")
            .AuthorizeAtLeast(UserRole.Advisor)
            .Argument<NonNullGraphType<UpdateFamilyInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<UpdateFamilyInput>("input");
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

                var before = new { family.Name, family.Description, family.TimeZone };
                var result = FamilyAdministration.Update(
                    family, actor, input.Name, input.Description, input.TimeZone, services.GetRequiredService<IClock>().GetCurrentInstant());
                if (result.IsSuccess)
                {
                    var changed = new List<string>();
                    AddIfChanged(changed, "name", before.Name, family.Name);
                    AddIfChanged(changed, "description", before.Description, family.Description);
                    AddIfChanged(changed, "timeZone", before.TimeZone, family.TimeZone);
                    services.GetRequiredService<AuditTrail>().Record(
                        AuditAction, family.Id, actor.Id, "Family", family.Id, new { changed, timeZone = family.TimeZone });
                    await db.SaveChangesAsync(context.CancellationToken);
                }

                return MutationPayload.From(result);
            });
    }

    private static void AddIfChanged(List<string> changed, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changed.Add(field);
        }
    }
}
