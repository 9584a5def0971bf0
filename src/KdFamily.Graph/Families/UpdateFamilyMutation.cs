using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Families;
using KdFamily.Domain.Families;
using KdFamily.Domain.Reminders;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Families;

public sealed record UpdateFamilyInput(string FamilyId, string? Name = null, string? Description = null, string? TimeZone = null, int? ReminderLeadMinutes = null);

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
        Field<IntGraphType>("reminderLeadMinutes").Description(
            $"How long before a task's due date its assignee gets TASK_DUE_SOON, {TaskReminderRules.MinLeadMinutes} to {TaskReminderRules.MaxLeadMinutes} minutes (0 sends none).");
    }
}

public sealed class UpdateFamilyErrorType() : ErrorUnionGraphType(
    "updateFamily", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType));

public sealed class UpdateFamilyPayloadType() : PayloadGraphType<Family, FamilyType, UpdateFamilyErrorType>(
    "updateFamily", "family", "The family with its new settings.");

public static class UpdateFamilyMutation
{
    public static void AddUpdateFamily(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UpdateFamilyPayloadType, UpdateFamilyInputType, UpdateFamily, Family>(
            "updateFamily",
            "Changes the family's name, description, time zone or reminder lead time. Advisors only.",
            UserRole.Advisor,
            context =>
            {
                var input = context.Input<UpdateFamilyInput>();
                return new UpdateFamily(context.RequireUserId(), GlobalId.Decode(input.FamilyId, "Family"), input.Name, input.Description, input.TimeZone, input.ReminderLeadMinutes);
            });
}
