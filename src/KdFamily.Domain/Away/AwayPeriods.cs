using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Away;

/// <summary>
/// Reads of away periods. Whoever acts on a member's behalf on a given day (recurring generation, reminders) asks
/// <see cref="IsAwayAsync"/> with that day in the family's zone; in SQL the same test is
/// <c>EXISTS (SELECT 1 FROM away_periods a WHERE a.user_id = @user AND @date BETWEEN a.from_date AND a.until_date)</c>.
/// </summary>
public static class AwayPeriods
{
    /// <summary>Whether <paramref name="userId"/> is away on <paramref name="date"/> (a local date of their family's zone).</summary>
    public static Task<bool> IsAwayAsync(KdFamilyDbContext db, Guid userId, LocalDate date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AwayPeriods.AnyAsync(p => p.UserId == userId && p.From <= date && date <= p.Until, cancellationToken);
    }

    /// <summary>The member's period that has not ended by <paramref name="today"/> (current or upcoming), if any.</summary>
    public static Task<AwayPeriod?> OpenAsync(KdFamilyDbContext db, Guid userId, LocalDate today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AwayPeriods.Where(p => p.UserId == userId && p.Until >= today).OrderBy(p => p.From).FirstOrDefaultAsync(cancellationToken);
    }
}
