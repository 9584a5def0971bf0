using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Reminders;

/// <summary>A reminder that may be due and was not sent yet (a unit of the reminder job).</summary>
public sealed record DueReminder(Guid TaskId, Guid FamilyId, NotificationKind Kind, Instant DueDate);

/// <summary>
/// The candidates of the reminder job: assigned, open tasks inside their family's lead time or past their due date,
/// without a reminder of that kind for their current due date. A candidate is judged again when it is sent
/// (<see cref="TaskReminderRules"/>), so this query may only say too much, never too little.
/// </summary>
public static class DueReminders
{
    /// <summary>At most this many per tick, soonest due first; the rest wait for the next tick.</summary>
    public const int MaxPerTick = 1000;

    public static async Task<IReadOnlyList<DueReminder>> ListAsync(KdFamilyDbContext db, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.SqlQuery<Candidate>($"""
            SELECT t.id AS task_id, t.family_id, r.kind, t.due_date
            FROM tasks t
            JOIN families f ON f.id = t.family_id
            CROSS JOIN LATERAL (SELECT CASE
                WHEN t.due_date < {now} THEN 'TaskOverdue'
                WHEN t.due_date - make_interval(mins => f.reminder_lead_minutes) <= {now} THEN 'TaskDueSoon'
            END AS kind) r
            WHERE t.deleted_at IS NULL AND t.assigned_to_id IS NOT NULL AND t.due_date IS NOT NULL
              AND t.status IN ('Pending', 'InProgress', 'Rejected') -- FamilyTask.AwaitsWork
              AND r.kind IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM task_reminders x WHERE x.task_id = t.id AND x.kind = r.kind AND x.due_date = t.due_date)
            ORDER BY t.due_date, t.id
            LIMIT {MaxPerTick}
            """).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new DueReminder(r.TaskId, r.FamilyId, Enum.Parse<NotificationKind>(r.Kind), r.DueDate))];
    }

    private sealed class Candidate
    {
        public Guid TaskId { get; set; }
        public Guid FamilyId { get; set; }
        public string Kind { get; set; } = "";
        public Instant DueDate { get; set; }
    }
}
