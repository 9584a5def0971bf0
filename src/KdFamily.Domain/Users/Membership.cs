using KdFamily.Domain.Errors;
using NodaTime;

namespace KdFamily.Domain.Users;

/// <summary>
/// Who belongs to a family and with which role. The rules see the actor as loaded from the database (its current
/// role, not the one an access token was issued with) and the number of the family's current advisors.
/// </summary>
public static class Membership
{
    /// <summary>
    /// Gives <paramref name="target"/> a new role. Advisors only; never one's own role; a child account stays a MEMBER; the
    /// family keeps at least one advisor.
    /// <paramref name="advisorCount"/> is the family's current advisors, counted inside the same transaction as the change.
    /// </summary>
    public static Result<User> ChangeRole(User actor, User target, UserRole role, int advisorCount, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role (the schema's enum only admits defined ones).");
        }

        if (Guard(actor, target) is { } error)
        {
            return error;
        }

        if (actor.Id == target.Id)
        {
            return new SelfRoleChangeError("Nobody can change their own role; ask another advisor.");
        }

        // A PIN is too weak a sign-in for a parent's authority.
        if (target.IsChildAccount && role != target.Role)
        {
            return new ChildAccountRestrictedError("A child account stays a MEMBER; create an account with an e-mail address for a parent.");
        }

        if (target.Role == UserRole.Advisor && role != UserRole.Advisor && advisorCount <= 1)
        {
            return new LastAdvisorError("A family always keeps at least one advisor.");
        }

        target.Role = role;
        target.UpdatedAt = now;
        return target;
    }

    /// <summary>
    /// Removes <paramref name="target"/> from the family (sets RemovedAt; history keeps pointing at the row).
    /// Advisors only; an advisor may remove themself unless they are the last advisor.
    /// </summary>
    public static Result<User> Remove(User actor, User target, int advisorCount, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        if (Guard(actor, target) is { } error)
        {
            return error;
        }

        if (target.Role == UserRole.Advisor && advisorCount <= 1)
        {
            return new LastAdvisorError("The last advisor cannot leave the family; make someone else an advisor first.");
        }

        target.RemovedAt = now;
        target.UpdatedAt = now;
        return target;
    }

    private static DomainError? Guard(User actor, User target)
    {
        if (actor.RemovedAt is not null || target.RemovedAt is not null || actor.FamilyId != target.FamilyId)
        {
            return NotFoundError.Of("User");
        }

        return actor.Role < UserRole.Advisor ? new NotAuthorizedError("Only advisors manage members and roles.") : null;
    }
}
