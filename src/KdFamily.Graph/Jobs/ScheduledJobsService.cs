using KdFamily.Application.Leaderboards;
using KdFamily.Application.Pipeline;
using KdFamily.Application.Recurring;
using KdFamily.Domain.Data;
using KdFamily.Domain.Jobs;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Jobs;

/// <summary>
/// Every <see cref="JobsOptions.Interval"/>: settles ended family weeks, generates recurring task instances and sends
/// due-soon and overdue reminders (<see cref="TaskReminderJob"/>).
/// With several API instances each one ticks, but a session-level <c>pg_try_advisory_lock</c> lets only one do the
/// work at a time; the others skip the tick. The work itself is idempotent, so the lock saves effort, not correctness.
/// </summary>
public sealed partial class ScheduledJobsService(
    IDbContextFactory<KdFamilyDbContext> dbFactory,
    IServiceScopeFactory scopes,
    TaskReminderJob reminders,
    IClock clock,
    IOptions<JobsOptions> options,
    ILogger<ScheduledJobsService> logger)
    : BackgroundService
{
    /// <summary>The advisory lock key of the jobs (an arbitrary constant: "KDJOBS" in ASCII).</summary>
    public const long LockKey = 0x4B444A4F4253;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed tick (database restarting, ...) must not stop the service; the next tick retries.
                LogTickFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One tick. Returns false when another instance holds the lock.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lockContext = await dbFactory.CreateDbContextAsync(cancellationToken);
        await lockContext.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var acquired = await lockContext.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
            if (!acquired)
            {
                return false;
            }

            try
            {
                // Each job, and within it each family or template, fails alone: a corrupt row of one family must not
                // stop the others' settlements or instances.
                var now = clock.GetCurrentInstant();
                var settlements = await RunJobAsync(JobsMetrics.WeeklySettlement, failures => SettleEndedWeeksAsync(now, failures, cancellationToken));
                var tasks = await RunJobAsync(JobsMetrics.RecurringTasks, failures => GenerateRecurringTasksAsync(now, failures, cancellationToken));
                var sent = await RunJobAsync(JobsMetrics.TaskReminders, failures => reminders.RunAsync(now, failures, cancellationToken));
                if (settlements.Count > 0 || tasks.Count > 0 || sent.Count > 0)
                {
                    LogTick(logger, settlements.Count, tasks.Count, sent.Count);
                }

                return true;
            }
            finally
            {
                await UnlockAsync(lockContext);
            }
        }
        finally
        {
            await lockContext.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Releases the tick's session-level lock. Pooled connections are not reset when they go back to the pool (see
    /// <c>DataServiceCollectionExtensions.WithStatementReuse</c>), so if the unlock fails on a connection that still
    /// works, the pool is cleared: the connection is closed instead of kept, and PostgreSQL releases the lock with it.
    /// </summary>
    private static async Task UnlockAsync(KdFamilyDbContext lockContext)
    {
        try
        {
            await lockContext.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
        catch
        {
            NpgsqlConnection.ClearPool((NpgsqlConnection)lockContext.Database.GetDbConnection());
            throw;
        }
    }

    /// <summary>Runs one job; its per-item failures and a failure of the whole job are logged and counted, never thrown.</summary>
    private async Task<IReadOnlyList<T>> RunJobAsync<T>(string job, Func<List<JobItemFailure>, Task<IReadOnlyList<T>>> run)
    {
        var failures = new List<JobItemFailure>();
        IReadOnlyList<T> done;
        try
        {
            done = await run(failures);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            JobsMetrics.Failures.WithLabels(job).Inc();
            LogJobFailed(logger, job, ex);
            done = [];
        }

        foreach (var failure in failures)
        {
            JobsMetrics.Failures.WithLabels(job).Inc();
            LogItemFailed(logger, job, failure.FamilyId, failure.ItemId, failure.Exception);
        }

        return done;
    }

    /// <summary>
    /// Each family's ended weeks, oldest first, each settled by its use case in its own unit of work. A family whose
    /// settlement fails is recorded in <paramref name="failures"/> and its later weeks wait for the next tick; the other
    /// families carry on.
    /// </summary>
    private async Task<IReadOnlyList<WeeklySettlement>> SettleEndedWeeksAsync(Instant now, List<JobItemFailure> failures, CancellationToken cancellationToken)
    {
        IReadOnlyList<FamilySettlementState> families;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            families = await WeeklySettlementService.FamilyStatesAsync(db, cancellationToken);
        }

        var settled = new List<WeeklySettlement>();
        foreach (var family in families)
        {
            try
            {
                foreach (var week in family.DueWeeks(now))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<IUseCase<SettleWeek, WeeklySettlement>>()
                        .HandleAsync(new SettleWeek(family.FamilyId, week), cancellationToken);
                    if (result.Value is { } settlement)
                    {
                        settled.Add(settlement);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(new JobItemFailure(family.FamilyId, null, ex));
            }
        }

        return settled;
    }

    /// <summary>
    /// The next instance of each template that may be due, each created by its use case in its own unit of work. A
    /// template whose generation fails is recorded in <paramref name="failures"/>; the others carry on.
    /// </summary>
    private async Task<IReadOnlyList<FamilyTask>> GenerateRecurringTasksAsync(Instant now, List<JobItemFailure> failures, CancellationToken cancellationToken)
    {
        IReadOnlyList<DueRecurringTask> templates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            templates = await RecurringTaskGenerator.DueAsync(db, now, cancellationToken);
        }

        var created = new List<FamilyTask>();
        foreach (var template in templates)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IUseCase<GenerateRecurringTask, FamilyTask>>()
                    .HandleAsync(new GenerateRecurringTask(template.TemplateId), cancellationToken);
                if (result.Value is { } task)
                {
                    created.Add(task);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(new JobItemFailure(template.FamilyId, template.TemplateId, ex));
            }
        }

        return created;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs: {Settlements} weekly settlement(s) recorded, {Tasks} recurring task instance(s) created, {Reminders} reminder(s) sent.")]
    private static partial void LogTick(ILogger logger, int settlements, int tasks, int reminders);

    [LoggerMessage(Level = LogLevel.Error, Message = "Jobs: {Job} failed for family {FamilyId} (item {ItemId}); the other families carried on, the next tick retries.")]
    private static partial void LogItemFailed(ILogger logger, string job, Guid familyId, Guid? itemId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Jobs: {Job} failed as a whole; the other jobs carried on, the next tick retries.")]
    private static partial void LogJobFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jobs: the tick failed; the next one retries.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
