using KdFamily.Domain.Errors;
using KdFamily.Domain.Reminders;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Families;

/// <summary>Family settings that only advisors may change.</summary>
public static class FamilyAdministration
{
    /// <summary>Replaces the invite code, so codes shared earlier stop working.</summary>
    public static Result<Family> RegenerateInviteCode(Family family, User actor, Instant now)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.FamilyId != family.Id)
        {
            return NotFoundError.Of("Family");
        }

        if (actor.Role < UserRole.Advisor)
        {
            return new NotAuthorizedError("Only advisors can regenerate the family's invite code.");
        }

        family.InviteCode = InviteCodes.New();
        family.UpdatedAt = now;
        return family;
    }

    /// <summary>
    /// Changes the family's settings; null leaves a field as it is, an empty description removes it.
    /// The time zone must be an IANA zone id known to the TZDB (e.g. "Europe/Berlin"); the reminder lead time lies
    /// between <see cref="TaskReminderRules.MinLeadMinutes"/> and <see cref="TaskReminderRules.MaxLeadMinutes"/>.
    /// </summary>
    public static Result<Family> Update(Family family, User actor, string? name, string? description, string? timeZone, Instant now, int? reminderLeadMinutes = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.FamilyId != family.Id)
        {
            return NotFoundError.Of("Family");
        }

        if (actor.Role < UserRole.Advisor)
        {
            return new NotAuthorizedError("Only advisors can change the family's settings.");
        }

        var newName = name?.Trim();
        if (newName is not null && (newName.Length == 0 || newName.Length > 100))
        {
            return new ValidationError("name", "The family name must have 1 to 100 characters.");
        }

        var newDescription = description?.Trim();
        if (newDescription is { Length: > 1000 })
        {
            return new ValidationError("description", "The description may have at most 1000 characters.");
        }

        var zone = timeZone?.Trim();
        if (zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
        {
            return new ValidationError("timeZone", $"'{zone}' is not an IANA time zone (e.g. \"Europe/Berlin\").");
        }

        if (reminderLeadMinutes is < TaskReminderRules.MinLeadMinutes or > TaskReminderRules.MaxLeadMinutes)
        {
            return new ValidationError(
                "reminderLeadMinutes", $"The reminder lead time must be {TaskReminderRules.MinLeadMinutes} to {TaskReminderRules.MaxLeadMinutes} minutes (a week).");
        }

        family.Name = newName ?? family.Name;
        family.Description = newDescription is null ? family.Description : newDescription.Length == 0 ? null : newDescription;
        family.TimeZone = zone ?? family.TimeZone;
        family.ReminderLeadMinutes = reminderLeadMinutes ?? family.ReminderLeadMinutes;
        family.UpdatedAt = now;
        return family;
    }
}
