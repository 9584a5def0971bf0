using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Domain.Reminders;

/// <summary>
/// Who receives a task's reminders: its assignee while they are a current member of the task's family. The one place
/// that decides it, for every reminder kind (a member who should not be reminded, e.g. while away, is excluded here).
/// </summary>
public static class ReminderRecipients
{
    /// <returns>The recipient, or null when nobody is to be reminded (the reminder is not sent, and not recorded).</returns>
    public static async Task<User?> FindAsync(KdFamilyDbContext db, FamilyTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(task);
        return task.AssignedToId is { } assigneeId
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == assigneeId && u.FamilyId == task.FamilyId && u.RemovedAt == null, cancellationToken)
            : null;
    }
}
