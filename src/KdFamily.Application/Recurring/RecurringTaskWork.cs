using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Recurring;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Recurring;

/// <summary>The steps the recurring-task use cases share: find the template, audit the change, create the next instance.</summary>
internal static class RecurringTaskWork
{
    /// <summary>A live template of the caller's family; null for a malformed, foreign, deleted or missing id.</summary>
    public static async Task<RecurringTaskTemplate?> FindRecurringTaskAsync(this MemberWork work, Guid? templateId, CancellationToken cancellationToken) =>
        templateId is { } id
            ? await work.Db.RecurringTaskTemplates.FirstOrDefaultAsync(t => t.Id == id && t.FamilyId == work.Caller.FamilyId, cancellationToken)
            : null;

    public static DomainError RecurringTaskNotFound() => NotFoundError.Of("RecurringTask");

    public static ValidationError InvalidDueTime() => new("dueTime", "The due time must be a local time HH:mm, e.g. 18:00.");

    public static void AuditRecurringTask(this MemberWork work, string action, RecurringTaskTemplate template) =>
        work.Audit.Record(action, template.FamilyId, work.Caller.Id, "RecurringTask", template.Id);

    /// <summary>
    /// In the change's own transaction, the generator creates the template's next instance if one is due (under its row
    /// lock on the template); the pipeline announces it (taskCreated) after the commit.
    /// </summary>
    public static async Task GenerateNextInstanceAsync(this MemberWork work, RecurringTaskTemplate template, CancellationToken cancellationToken)
    {
        if (await RecurringTaskGenerator.GenerateNextAsync(work.Db, template, work.Now, cancellationToken) is { } instance)
        {
            work.Events.TaskCreated(instance);
        }
    }

    /// <summary>Today in the family's time zone: the default start of a new series.</summary>
    public static async Task<LocalDate> TodayInFamilyAsync(this MemberWork work, CancellationToken cancellationToken)
    {
        var timeZone = await work.Db.Families.Where(f => f.Id == work.Caller.FamilyId).Select(f => f.TimeZone).SingleAsync(cancellationToken);
        return work.Now.InZone(FamilyWeek.Zone(timeZone)).Date;
    }
}
