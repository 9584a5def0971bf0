using KdFamily.Domain.Away;
using KdFamily.Domain.Data;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Recurring;

/// <summary>A template that may be due for its next instance (a unit of the scheduled generation).</summary>
public sealed record DueRecurringTask(Guid TemplateId, Guid FamilyId);

/// <summary>
/// Creates the next task instance of a recurring template, as a step of the caller's unit of work (it neither opens nor
/// commits a transaction). Under a row lock on the template: nothing happens while an instance is still pending (any
/// status but APPROVED, not deleted, and not overdue); otherwise the next occurrence after the last generated one whose
/// due instant is still in the future becomes a PENDING task, unassigned (open for claiming) when the template's
/// assignee is away on the occurrence's date. An overdue instance therefore no longer holds its series
/// back: the next occurrence is generated on schedule while the overdue one stays open and visible as overdue, and
/// occurrences missed meanwhile are skipped instead of created due in the past. Each instance comes from
/// <see cref="FamilyTask.CreateOccurrence"/> with its `create` transition. Should the occurrence exist already, the
/// unique (template, occurrence date) index <see cref="OccurrenceIndex"/> refuses the caller's commit.
/// </summary>
public static class RecurringTaskGenerator
{
    /// <summary>The unique index on (template, occurrence date): one instance per occurrence, whoever generates it.</summary>
    public const string OccurrenceIndex = "ix_tasks_recurring_template_id_occurrence_date";

    /// <summary>Active templates with no pending instance at <paramref name="now"/>, in id order: the candidates of the scheduled generation.</summary>
    public static async Task<IReadOnlyList<DueRecurringTask>> DueAsync(KdFamilyDbContext db, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = PendingInstances(db, now);
        return await db.RecurringTaskTemplates.AsNoTracking()
            .Where(t => !t.IsPaused && !pending.Any(x => x.RecurringTemplateId == t.Id))
            .OrderBy(t => t.Id)
            .Select(t => new DueRecurringTask(t.Id, t.FamilyId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Locks and loads the template, then adds its next instance to <paramref name="db"/> unless it is paused, deleted or
    /// still has an open instance. Call inside a transaction; the caller saves and commits.
    /// </summary>
    /// <returns>The new task (added, not saved yet), or null when nothing was due to be created.</returns>
    public static async Task<FamilyTask?> GenerateNextAsync(KdFamilyDbContext db, Guid templateId, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await LockAsync(db, templateId, cancellationToken);
        var template = await db.RecurringTaskTemplates.FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        return template is null ? null : await GenerateNextAsync(db, template, now, cancellationToken);
    }

    /// <summary>
    /// Adds the next instance of <paramref name="template"/> as it stands in the caller's unit of work (a new or changed
    /// definition) unless it is paused, deleted or still has an open instance. Call inside a transaction; the caller
    /// saves and commits.
    /// </summary>
    /// <returns>The new task (added, not saved yet), or null when nothing was due to be created.</returns>
    public static async Task<FamilyTask?> GenerateNextAsync(KdFamilyDbContext db, RecurringTaskTemplate template, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(template);

        // The row lock makes "no open instance → create one" atomic per template across generators and mutations (a
        // template added in this unit of work has no row yet, and nobody else can see it).
        await LockAsync(db, template.Id, cancellationToken);
        if (template.IsPaused || template.DeletedAt is not null
            || await PendingInstances(db, now).AnyAsync(x => x.RecurringTemplateId == template.Id, cancellationToken))
        {
            return null;
        }

        // The stored date, read under the lock: another generator may have moved the series on since the caller loaded
        // the template (a template added in this unit of work has no row yet).
        var lastGenerated = await db.RecurringTaskTemplates.Where(t => t.Id == template.Id).Select(t => t.LastGeneratedDate).FirstOrDefaultAsync(cancellationToken)
            ?? template.LastGeneratedDate;

        var timeZone = await db.Families.Where(f => f.Id == template.FamilyId).Select(f => f.TimeZone).SingleAsync(cancellationToken);
        var zone = FamilyWeek.Zone(timeZone);
        var schedule = RecurrenceSchedule.Of(template);
        var occurrence = schedule.NextDueAfter(lastGenerated?.PlusDays(1) ?? template.StartDate, now, zone);
        var assigneeAway = template.AssignedToId is { } assigneeId && await AwayPeriods.IsAwayAsync(db, assigneeId, occurrence, cancellationToken);
        var (task, creation) = FamilyTask.CreateOccurrence(template, occurrence, schedule.DueAt(occurrence, zone), assigneeAway, now);
        db.Tasks.Add(task);
        db.TaskTransitions.Add(creation);
        template.LastGeneratedDate = occurrence;
        return task;
    }

    /// <summary>Instances that hold their series back: not approved, and not overdue (an overdue one lets the next come on schedule).</summary>
    private static IQueryable<FamilyTask> PendingInstances(KdFamilyDbContext db, Instant now) =>
        db.Tasks.Where(x => x.RecurringTemplateId != null && x.Status != FamilyTaskStatus.Approved
            && (x.DueDate == null || x.DueDate >= now || x.Status == FamilyTaskStatus.Completed));

    private static Task<int> LockAsync(KdFamilyDbContext db, Guid templateId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"SELECT id FROM recurring_task_templates WHERE id = {templateId} AND deleted_at IS NULL FOR UPDATE", cancellationToken);
}
