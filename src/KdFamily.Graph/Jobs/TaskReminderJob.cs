using KdFamily.Application.Pipeline;
using KdFamily.Application.Reminders;
using KdFamily.Domain.Data;
using KdFamily.Domain.Jobs;
using KdFamily.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Jobs;

/// <summary>
/// The reminder job: lists the reminders that may be due (<see cref="DueReminders"/>) and sends each through its use
/// case in its own unit of work. Run by <see cref="ScheduledJobsService"/> under its advisory lock; correctness does not
/// depend on the lock: the unique (task, kind, due date) key lets a reminder out once however many instances send it.
/// </summary>
public sealed class TaskReminderJob(IDbContextFactory<KdFamilyDbContext> dbFactory, IServiceScopeFactory scopes)
{
    /// <summary>Sends what is due at <paramref name="now"/>; a reminder that fails is recorded in <paramref name="failures"/> and the others carry on.</summary>
    /// <returns>The reminders this run recorded (sent, or decided for a recipient who muted the kind).</returns>
    public async Task<IReadOnlyList<TaskReminder>> RunAsync(Instant now, List<JobItemFailure> failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        IReadOnlyList<DueReminder> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await DueReminders.ListAsync(db, now, cancellationToken);
        }

        var sent = new List<TaskReminder>();
        foreach (var reminder in due)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IUseCase<SendTaskReminder, TaskReminder>>()
                    .HandleAsync(new SendTaskReminder(reminder.TaskId, reminder.Kind, reminder.DueDate), cancellationToken);
                if (result.Value is { } recorded)
                {
                    sent.Add(recorded);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(new JobItemFailure(reminder.FamilyId, reminder.TaskId, ex));
            }
        }

        return sent;
    }
}
