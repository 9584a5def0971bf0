using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Away;

/// <summary>
/// Who may set or clear a member's away mode, and which periods are accepted. Dates are local dates of the family's
/// time zone. A period starts today or later: away mode protects a streak from now on and never rewrites days already
/// lived (that would revive broken streaks). Setting a period replaces the member's open one (not ended yet); clearing
/// ends it. Days of an open period that already passed stay away days.
/// </summary>
public static class AwayMode
{
    /// <summary>The longest period, in days (both ends included).</summary>
    public const int MaxDays = 90;

    /// <summary>How far ahead a period may start, in days.</summary>
    public const int MaxDaysAhead = 365;

    /// <summary>A member sets and clears their own away mode; parents and advisors those of anyone in their family.</summary>
    public static NotAuthorizedError? CheckAuthority(User actor, User member)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(member);
        if (actor.FamilyId != member.FamilyId)
        {
            throw new InvalidOperationException("Load the member within the actor's family.");
        }

        return actor.Id == member.Id || actor.Role >= UserRole.Parent
            ? null
            : new NotAuthorizedError("Only parents and advisors set or clear another member's away mode.");
    }

    /// <summary>The period's dates, judged against today in the family's zone; the error names the input field.</summary>
    public static ValidationError? CheckDates(LocalDate from, LocalDate until, LocalDate today)
    {
        if (from < today)
        {
            return new ValidationError("from", "An away period starts today or later; days already lived cannot be marked away.");
        }

        if (from > today.PlusDays(MaxDaysAhead))
        {
            return new ValidationError("from", $"An away period starts within {MaxDaysAhead} days from today.");
        }

        if (until < from)
        {
            return new ValidationError("until", "An away period ends on or after the day it starts.");
        }

        return Period.DaysBetween(from, until) + 1 > MaxDays
            ? new ValidationError("until", $"An away period lasts at most {MaxDays} days.")
            : null;
    }

    /// <summary>
    /// Ends <paramref name="open"/> before <paramref name="today"/>: the days already spent away stay (it now ends
    /// yesterday, and the method answers true: keep it); a period that had not started yet is dropped (false).
    /// </summary>
    public static bool EndBefore(AwayPeriod open, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (open.From >= today)
        {
            return false;
        }

        open.Until = LocalDate.Min(open.Until, today.PlusDays(-1));
        return true;
    }
}
