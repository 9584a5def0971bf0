using KdFamily.Domain.Errors;
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
}
