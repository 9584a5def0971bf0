using KdFamily.Domain.Data;
using KdFamily.Domain.Jobs;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace KdFamily.Domain.Recurring;

/// <summary>
/// Creates the next task instance of recurring templates. Per template, under a row lock on the template:
/// nothing happens while an instance is still open (any status but APPROVED, not deleted), so a series never has
/// two open instances; otherwise the next occurrence after the last generated one whose due instant is still in
/// the future becomes a PENDING task. An overdue series therefore skips the occurrences it missed instead of
/// creating tasks that are due in the past. Each instance comes from <see cref="FamilyTask.CreateOccurrence"/> with its
/// `create` transition. The unique (template, occurrence date) index makes a duplicate
/// from a racing generator fail alone; it is ignored.
/// </summary>
public static class RecurringTaskGenerator
{
    /// <summary>Generates for every active template that has no open instance; the first failure is thrown.</summary>
    /// <returns>The tasks created by this call.</returns>
    public static Task<IReadOnlyList<FamilyTask>> GenerateDueAsync(
        IDbContextFactory<KdFamilyDbContext> dbFactory, Instant now, CancellationToken cancellationToken = default) =>
        GenerateDueAsync(dbFactory, now, failures: null, cancellationToken);

    /// <summary>
    /// Generates for every active template that has no open instance. With <paramref name="failures"/>, a template
    /// whose generation fails (e.g. a corrupt row) is recorded there and the others still get their instances;
    /// without it, the first failure is thrown.
    /// </summary>
    /// <returns>The tasks created by this call.</returns>
    public static async Task<IReadOnlyList<FamilyTask>> GenerateDueAsync(
        IDbContextFactory<KdFamilyDbContext> dbFactory, Instant now, ICollection<JobItemFailure>? failures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        List<(Guid Id, Guid FamilyId)> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            candidates = (await db.RecurringTaskTemplates.AsNoTracking()
                .Where(t => !t.IsPaused && !db.Tasks.Any(x => x.RecurringTemplateId == t.Id && x.Status != FamilyTaskStatus.Approved))
                .OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.FamilyId })
                .ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.FamilyId))
                .ToList();
        }

        var created = new List<FamilyTask>();
        foreach (var (templateId, familyId) in candidates)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                if (await GenerateNextAsync(db, templateId, now, cancellationToken) is { } task)
                {
                    created.Add(task);
                }
            }
            catch (Exception ex) when (failures is not null && ex is not OperationCanceledException)
            {
                failures.Add(new JobItemFailure(familyId, templateId, ex));
            }
        }

        return created;
    }

    /// <summary>Creates the template's next instance unless it is paused, deleted or still has an open instance.</summary>
    /// <returns>The new task, or null when nothing was due to be created.</returns>
    public static async Task<FamilyTask?> GenerateNextAsync(KdFamilyDbContext db, Guid templateId, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The row lock makes "no open instance → create one" atomic per template across generators and mutations.
        await db.Database.ExecuteSqlAsync(
            $"SELECT id FROM recurring_task_templates WHERE id = {templateId} AND deleted_at IS NULL FOR UPDATE", cancellationToken);
        var template = await db.RecurringTaskTemplates.FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null || template.IsPaused
            || await db.Tasks.AnyAsync(x => x.RecurringTemplateId == templateId && x.Status != FamilyTaskStatus.Approved, cancellationToken))
        {
            return null;
        }

        var timeZone = await db.Families.Where(f => f.Id == template.FamilyId).Select(f => f.TimeZone).SingleAsync(cancellationToken);
        var zone = FamilyWeek.Zone(timeZone);
        var schedule = RecurrenceSchedule.Of(template);
        var occurrence = schedule.NextDueAfter(template.LastGeneratedDate?.PlusDays(1) ?? template.StartDate, now, zone);
        var (task, creation) = FamilyTask.CreateOccurrence(template, occurrence, schedule.DueAt(occurrence, zone), now);
        db.Tasks.Add(task);
        db.TaskTransitions.Add(creation);
        template.LastGeneratedDate = occurrence;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return task;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // That occurrence exists already (e.g. a soft-deleted instance): nothing new to create now.
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
