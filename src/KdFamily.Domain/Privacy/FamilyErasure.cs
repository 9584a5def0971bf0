using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;

namespace KdFamily.Domain.Privacy;

/// <summary>Who may delete a whole family, and the confirmation it takes.</summary>
public static class FamilyErasure
{
    /// <summary>
    /// An advisor of <paramref name="family"/> confirms by typing its name exactly as stored (case and spaces included):
    /// deleting a family cannot be undone.
    /// </summary>
    public static DomainError? Refusal(Family family, User actor, string confirmName)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.FamilyId != family.Id || actor.RemovedAt is not null)
        {
            return NotFoundError.Of("Family");
        }

        if (actor.Role < UserRole.Advisor)
        {
            return new NotAuthorizedError("Only advisors can delete the family.");
        }

        return string.Equals(confirmName, family.Name, StringComparison.Ordinal)
            ? null
            : new FamilyNameMismatchError("confirmName must be the family's name exactly as it is shown; nothing was deleted.");
    }
}
