using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Reminders;

/// <summary>
/// Who receives a task's reminders: its assignee while they are a current member of the task's family and not away
/// today. The one place that decides it, for every reminder kind.
/// </summary>
public static class ReminderRecipients
{
    /// <summary>
    /// The recipient, or null when nobody is to be reminded. Nothing is sent or recorded then, so a member back from
    /// away still gets the overdue reminder of work that waited for them. <paramref name="today"/> is the family's
    /// local date now: an away period covering it holds the reminder back.
    /// </summary>
    public static async Task<User?> FindAsync(KdFamilyDbContext db, FamilyTask task, LocalDate today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(task);
        return task.AssignedToId is { } assigneeId
            ? await db.Users.AsNoTracking()
                .Where(u => u.Id == assigneeId && u.FamilyId == task.FamilyId && u.RemovedAt == null)
                .Where(u => !db.AwayPeriods.Any(p => p.UserId == u.Id && p.From <= today && today <= p.Until))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
    }
}
