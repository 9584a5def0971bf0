using KdFamily.Domain.Data;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Tests.Recurring;

public sealed class RecurringTaskGeneratorTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0); // Wednesday, 14:00 in Berlin

    private static async Task<(TestDatabase Db, RecurringTaskTemplate Template)> TemplateAsync(Action<RecurringTaskTemplate>? configure = null)
    {
        var db = await TestDatabase.CreateAsync();
        var (family, users) = await db.AddFamilyAsync(Now - Duration.FromDays(60));
        var template = new RecurringTaskTemplate
        {
            FamilyId = family.Id,
            Title = "Feed the cat",
            Points = 5,
            Frequency = RecurrenceFrequency.Daily,
            StartDate = new LocalDate(2026, 5, 1),
            DueTime = new LocalTime(18, 0),
            AssignedToId = users[2].Id,
            CreatedById = users[1].Id,
            CreatedAt = Now - Duration.FromDays(30),
        };
        configure?.Invoke(template);
        await using var context = db.CreateDbContext();
        context.Add(template);
        await context.SaveChangesAsync();
        return (db, template);
    }

    /// <summary>What the scheduled job does: each due template in its own context and transaction, committed by the caller.</summary>
    private static async Task<IReadOnlyList<FamilyTask>> GenerateDueAsync(TestDatabase db, Instant now)
    {
        IReadOnlyList<DueRecurringTask> due;
        await using (var context = db.CreateDbContext())
        {
            due = await RecurringTaskGenerator.DueAsync(context, now);
        }

        var created = new List<FamilyTask>();
        foreach (var template in due)
        {
            await using var context = db.CreateDbContext();
            await using var transaction = await context.Database.BeginTransactionAsync();
            if (await RecurringTaskGenerator.GenerateNextAsync(context, template.TemplateId, now) is { } task)
            {
                await context.SaveChangesAsync();
                created.Add(task);
            }

            await transaction.CommitAsync();
        }

        return created;
    }

    [Fact]
    public async Task GenerateDue_SeriesOverdueSinceItsStart_CreatesOnlyTheNextFutureOccurrence()
    {
        var (db, template) = await TemplateAsync();

        var created = await GenerateDueAsync(db, Now);

        var task = Assert.Single(created);
        Assert.Equal(new LocalDate(2026, 5, 20), task.OccurrenceDate);
        Assert.Equal(Instant.FromUtc(2026, 5, 20, 16, 0), task.DueDate);
        Assert.Equal((FamilyTaskStatus.Pending, template.AssignedToId, "Feed the cat"), (task.Status, task.AssignedToId, task.Title));
        await using var check = db.CreateDbContext();
        Assert.Equal(new LocalDate(2026, 5, 20), (await check.RecurringTaskTemplates.SingleAsync()).LastGeneratedDate);
    }

    [Fact]
    public async Task GenerateDue_NewInstance_WritesItsCreateTransitionOnBehalfOfTheTemplatesCreator()
    {
        var (db, template) = await TemplateAsync();

        var task = Assert.Single(await GenerateDueAsync(db, Now));

        await using var check = db.CreateDbContext();
        var transition = await check.TaskTransitions.SingleAsync(t => t.TaskId == task.Id);
        Assert.Equal((null, FamilyTaskStatus.Pending, TaskActions.Create, template.CreatedById, Now),
            (transition.FromStatus, transition.ToStatus, transition.Action, transition.ActorId, transition.At));
    }

    [Fact]
    public async Task GenerateDue_OpenInstanceNotDueYet_CreatesNothingUntilItIsApproved()
    {
        var (db, _) = await TemplateAsync();
        await GenerateDueAsync(db, Now);
        var beforeItsDueDate = Now + Duration.FromHours(3); // 15:00 UTC, the instance is due at 16:00 UTC

        Assert.Empty(await GenerateDueAsync(db, beforeItsDueDate));

        await using (var context = db.CreateDbContext())
        {
            var open = await context.Tasks.SingleAsync();
            open.Status = FamilyTaskStatus.Approved;
            await context.SaveChangesAsync();
        }

        var next = Assert.Single(await GenerateDueAsync(db, beforeItsDueDate));
        Assert.Equal(new LocalDate(2026, 5, 21), next.OccurrenceDate);
    }

    [Fact]
    public async Task GenerateDue_InstanceOverdue_CreatesTheNextOccurrenceOnScheduleAndTheOverdueOneStaysOpen()
    {
        var (db, _) = await TemplateAsync();
        var first = Assert.Single(await GenerateDueAsync(db, Now));
        var threeDaysLater = Now + Duration.FromDays(3);

        var next = Assert.Single(await GenerateDueAsync(db, threeDaysLater));

        Assert.Equal(new LocalDate(2026, 5, 23), next.OccurrenceDate); // 21 and 22 May were missed and are skipped
        await using var check = db.CreateDbContext();
        var overdue = await check.Tasks.SingleAsync(t => t.Id == first.Id);
        Assert.Equal(FamilyTaskStatus.Pending, overdue.Status);
        Assert.True(overdue.IsOverdueAt(threeDaysLater));
        Assert.Empty(await GenerateDueAsync(db, threeDaysLater)); // the new instance, not due yet, holds the series again
    }

    [Fact]
    public async Task GenerateDue_CompletedInstancePastItsDueDate_WaitsForTheApproval()
    {
        var (db, _) = await TemplateAsync();
        await GenerateDueAsync(db, Now);
        await using (var context = db.CreateDbContext())
        {
            var done = await context.Tasks.SingleAsync();
            done.Status = FamilyTaskStatus.Completed;
            await context.SaveChangesAsync();
        }

        Assert.Empty(await GenerateDueAsync(db, Now + Duration.FromDays(3)));
    }

    [Fact]
    public async Task GenerateDue_PausedTemplate_CreatesNothing()
    {
        var (db, _) = await TemplateAsync(t => t.IsPaused = true);

        Assert.Empty(await GenerateDueAsync(db, Now));
    }

    [Fact]
    public async Task GenerateDue_MonthlyOnThe31st_IsDueOnTheLastDayOfShorterMonths()
    {
        var (db, _) = await TemplateAsync(t =>
        {
            t.Frequency = RecurrenceFrequency.Monthly;
            t.DayOfMonth = 31;
            t.StartDate = new LocalDate(2026, 1, 31);
            t.LastGeneratedDate = new LocalDate(2026, 3, 31);
        });

        var task = Assert.Single(await GenerateDueAsync(db, Instant.FromUtc(2026, 4, 2, 12, 0)));

        Assert.Equal(new LocalDate(2026, 4, 30), task.OccurrenceDate);
    }

    [Fact]
    public async Task GenerateDue_RunTwiceConcurrentlyOnSeparateContexts_CreatesOneInstance()
    {
        var (db, template) = await TemplateAsync();

        var runs = await Task.WhenAll(
            Task.Run(() => GenerateDueAsync(db, Now)),
            Task.Run(() => GenerateDueAsync(db, Now)));

        Assert.Equal(1, runs.Sum(r => r.Count));
        await using var check = db.CreateDbContext();
        Assert.Equal(1, await check.Tasks.CountAsync(t => t.RecurringTemplateId == template.Id));
    }

    [Fact]
    public async Task GenerateNext_CallerRollsBack_CreatesNothingAndKeepsTheSeriesWhereItWas()
    {
        var (db, template) = await TemplateAsync();

        await using (var context = db.CreateDbContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            Assert.NotNull(await RecurringTaskGenerator.GenerateNextAsync(context, template.Id, Now));
            await context.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = db.CreateDbContext();
        Assert.False(await check.Tasks.AnyAsync());
        Assert.Null((await check.RecurringTaskTemplates.SingleAsync()).LastGeneratedDate);
    }

    [Fact]
    public async Task GenerateNext_TemplateChangedInTheCallersUnitOfWork_TheInstanceFollowsTheNewDefinition()
    {
        var (db, template) = await TemplateAsync();

        await using var context = db.CreateDbContext();
        await using var transaction = await context.Database.BeginTransactionAsync();
        var changed = await context.RecurringTaskTemplates.SingleAsync(t => t.Id == template.Id);
        changed.Title = "Feed the dog";
        changed.Points = 8;
        var task = await RecurringTaskGenerator.GenerateNextAsync(context, changed, Now);

        Assert.Equal(("Feed the dog", 8), (task?.Title, task?.Points));
    }

    [Fact]
    public async Task GenerateNext_OccurrenceExistsAlready_TheUniqueIndexRefusesTheCallersCommit()
    {
        var (db, template) = await TemplateAsync();
        var first = Assert.Single(await GenerateDueAsync(db, Now));
        await using (var context = db.CreateDbContext())
        {
            // The series forgets where it was (a row edited by hand), and its instance is approved: the same occurrence is next again.
            await context.Tasks.Where(t => t.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, FamilyTaskStatus.Approved));
            await context.RecurringTaskTemplates.ExecuteUpdateAsync(s => s.SetProperty(t => t.LastGeneratedDate, (LocalDate?)null));
        }

        await using var generating = db.CreateDbContext();
        await using var transaction = await generating.Database.BeginTransactionAsync();
        var again = await RecurringTaskGenerator.GenerateNextAsync(generating, template.Id, Now);

        Assert.Equal(first.OccurrenceDate, again?.OccurrenceDate);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => generating.SaveChangesAsync());
        Assert.Equal(RecurringTaskGenerator.OccurrenceIndex, UniqueViolation.ConstraintOf(refused));
    }
}
