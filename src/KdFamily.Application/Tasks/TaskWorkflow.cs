using KdFamily.Application.Notifications;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Application.Tasks;

/// <summary>What one workflow step needs: the loaded task and the unit of work it runs in (caller, time, effects).</summary>
public sealed record TaskStep(FamilyTask Task, MemberWork Work)
{
    public User Caller => Work.Caller;

    public Instant Now => Work.Now;

    /// <summary>The assignee's stored preferences (null: the defaults), when the action read them with the task.</summary>
    internal AssigneePreferencesRead? AssigneePreferences { get; init; }

    /// <summary>The family's IANA time zone, read with the task by <see cref="TaskWorkflow.RunNotifyingAssigneeAsync"/>.</summary>
    public string FamilyTimeZone =>
        FamilyTimeZoneRead ?? throw new InvalidOperationException("The family's time zone was not read: run the action with RunNotifyingAssigneeAsync.");

    internal string? FamilyTimeZoneRead { get; init; }

    /// <summary>
    /// Notifies the task's assignee, unless they muted <paramref name="kind"/>: their preferences were read with the
    /// task (<see cref="TaskWorkflow.RunNotifyingAssigneeAsync"/>), so the assignee must be the one the task had then.
    /// </summary>
    public Notification? NotifyAssignee(NotificationKind kind) =>
        AssigneePreferences is { } read
            ? TaskNotifications.Notify(Work.Db, Work.Events, Task, Task.AssignedToId!.Value, kind, Now, read.Preferences)
            : throw new InvalidOperationException("The assignee's preferences were not read: run the action with RunNotifyingAssigneeAsync.");
}

internal sealed record AssigneePreferencesRead(NotificationPreferences? Preferences);

/// <summary>
/// A workflow action on one task of the caller's family, through <see cref="UseCasePipeline"/>: load the task (in the
/// caller's query), let the domain's state machine decide the transition, then the action's effects, and record its
/// events.
/// <para>
/// Race-proofing: the task update is conditional on the row version read (<c>xmin</c>), as the gate. It is saved with
/// the context's other changes (EF may send it after the effects' inserts), by the pipeline or by the first
/// <see cref="TransactionBatch"/> an effect sends, which saves them before its own statements: the ledger's rows and
/// lock always come after the gate. Of two requests that both saw COMPLETED, the second blocks on the row until the
/// first commits, then finds the version changed, and nothing it wrote is kept. The pipeline re-runs it on the fresh
/// row, where the state machine returns the typed error (the task is APPROVED now, or someone else claimed it).
/// </para>
/// </summary>
public sealed class TaskWorkflow(UseCasePipeline pipeline)
{
    /// <summary>The caller, and the task when it belongs to the caller's family.</summary>
    private static readonly CallerQuery<Guid?, LoadedTask> TaskOfCallersFamily = new((db, caller, taskId) => new LoadedTask
    {
        Task = db.Tasks.FirstOrDefault(t => t.Id == taskId && t.FamilyId == caller.FamilyId),
    });

    /// <summary>As <see cref="TaskOfCallersFamily"/>, with the family's time zone and the task's assignee's notification preferences.</summary>
    private static readonly CallerQuery<Guid?, LoadedTask> TaskWithAssigneePreferences = new((db, caller, taskId) => new LoadedTask
    {
        Task = db.Tasks.FirstOrDefault(t => t.Id == taskId && t.FamilyId == caller.FamilyId),
        AssigneePreferencesRead = true,
        FamilyTimeZone = caller.Family!.TimeZone,
        AssigneePreferences = db.NotificationPreferences.FirstOrDefault(p =>
            p.UserId == db.Tasks.Where(t => t.Id == taskId && t.FamilyId == caller.FamilyId).Select(t => t.AssignedToId).FirstOrDefault()),
    });

    public delegate Task<Result<TaskTransition>> TransitionAsync(TaskStep step, CancellationToken cancellationToken);

    public delegate Task EffectsAsync(TaskStep step, CancellationToken cancellationToken);

    public Task<Result<FamilyTask>> RunAsync(
        IMemberCommand command, Guid? taskId, Func<TaskStep, Result<TaskTransition>> transition, CancellationToken cancellationToken) =>
        RunAsync(command, taskId, (step, _) => Task.FromResult(transition(step)), null, cancellationToken);

    public Task<Result<FamilyTask>> RunAsync(
        IMemberCommand command, Guid? taskId, TransitionAsync transition, EffectsAsync? effects, CancellationToken cancellationToken) =>
        RunAsync(command, TaskOfCallersFamily, taskId, transition, effects, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(IMemberCommand, Guid?, TransitionAsync, EffectsAsync?, CancellationToken)"/>, for an action
    /// whose effects notify the task's assignee (<see cref="TaskStep.NotifyAssignee"/>): their notification preferences,
    /// and the family's time zone, are read in the same query as the caller and the task.
    /// </summary>
    public Task<Result<FamilyTask>> RunNotifyingAssigneeAsync(
        IMemberCommand command, Guid? taskId, TransitionAsync transition, EffectsAsync effects, CancellationToken cancellationToken) =>
        RunAsync(command, TaskWithAssigneePreferences, taskId, transition, effects, cancellationToken);

    private Task<Result<FamilyTask>> RunAsync(
        IMemberCommand command,
        CallerQuery<Guid?, LoadedTask> load,
        Guid? taskId,
        TransitionAsync transition,
        EffectsAsync? effects,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return pipeline.RunAsync<Guid?, LoadedTask, FamilyTask>(
            command,
            load,
            taskId,
            async (work, loaded, token) =>
            {
                if (loaded?.Task is not { } task)
                {
                    return NotFoundError.Of("Task");
                }

                var step = new TaskStep(task, work)
                {
                    AssigneePreferences = loaded.AssigneePreferencesRead ? new AssigneePreferencesRead(loaded.AssigneePreferences) : null,
                    FamilyTimeZoneRead = loaded.FamilyTimeZone,
                };
                var result = await transition(step, token);
                if (result.Value is not { } taskTransition)
                {
                    return result.Error!;
                }

                work.Db.TaskTransitions.Add(taskTransition);
                if (effects is not null)
                {
                    work.OnUniqueViolation(PointsLedger.IdempotencyKeyIndex, new AlreadyAwardedError("These points were already awarded."));
                    await effects(step, token);
                }

                work.Events.TaskChanged(task, taskTransition.Action);
                return task;
            },
            cancellationToken);
    }

    /// <summary>What the caller's query reads along with the caller.</summary>
    private sealed class LoadedTask
    {
        public FamilyTask? Task { get; init; }

        public bool AssigneePreferencesRead { get; init; }

        public NotificationPreferences? AssigneePreferences { get; init; }

        public string? FamilyTimeZone { get; init; }
    }
}
