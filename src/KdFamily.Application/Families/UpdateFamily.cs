using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Families;

/// <summary>New settings for the family; null leaves a field as it is.</summary>
public sealed record UpdateFamily(Guid CallerId, Guid? FamilyId, string? Name, string? Description, string? TimeZone, int? ReminderLeadMinutes = null) : IMemberCommand;

/// <summary>An advisor changes the family's name, description, time zone or reminder lead time; the audit row names the fields that changed.</summary>
public sealed class UpdateFamilyHandler(UseCasePipeline pipeline) : IUseCase<UpdateFamily, Family>
{

    public Task<Result<Family>> HandleAsync(UpdateFamily command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<Family>(command, async (work, token) =>
        {
            var family = command.FamilyId is { } familyId ? await work.Db.Families.FirstOrDefaultAsync(f => f.Id == familyId, token) : null;
            if (family is null)
            {
                return NotFoundError.Of("Family");
            }

            var before = new { family.Name, family.Description, family.TimeZone, family.ReminderLeadMinutes };
            var result = FamilyAdministration.Update(family, work.Caller, command.Name, command.Description, command.TimeZone, work.Now, command.ReminderLeadMinutes);
            if (result.Error is not null)
            {
                return result;
            }

            var changed = new List<string>();
            AddIfChanged(changed, "name", before.Name, family.Name);
            AddIfChanged(changed, "description", before.Description, family.Description);
            AddIfChanged(changed, "timeZone", before.TimeZone, family.TimeZone);
            if (before.ReminderLeadMinutes != family.ReminderLeadMinutes)
            {
                changed.Add("reminderLeadMinutes");
            }

            work.Audit.Record(
                AuditActions.FamilyUpdated, family.Id, work.Caller.Id, "Family", family.Id,
                new { changed, timeZone = family.TimeZone, reminderLeadMinutes = family.ReminderLeadMinutes });
            return family;
        }, cancellationToken);
    }

    private static void AddIfChanged(List<string> changed, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changed.Add(field);
        }
    }
}
