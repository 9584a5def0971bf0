using KdFamily.Application.Pipeline;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
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
}

/// <summary>
/// A workflow action on one task of the caller's family, through <see cref="UseCasePipeline"/>: load the task (in the
/// caller's query), let the domain's state machine decide the transition, write it, then the action's effects, and
/// record its events.
/// <para>
/// Race-proofing: the task update is conditional on the row version read (<c>xmin</c>) and is saved first, as the
/// gate: of two requests that both saw COMPLETED, the second blocks on the row until the first commits, then finds the
/// version changed before writing any effect. The pipeline re-runs it on the fresh row, where the state machine
/// returns the typed error (the task is APPROVED now, or someone else claimed it).
/// </para>
/// </summary>
public sealed class TaskWorkflow(UseCasePipeline pipeline, KdFamilyDbContext db)
{
    public delegate Task<Result<TaskTransition>> TransitionAsync(TaskStep step, CancellationToken cancellationToken);

    public delegate Task EffectsAsync(TaskStep step, CancellationToken cancellationToken);

    public Task<Result<FamilyTask>> RunAsync(
        IMemberCommand command, Guid? taskId, Func<TaskStep, Result<TaskTransition>> transition, CancellationToken cancellationToken) =>
        RunAsync(command, taskId, (step, _) => Task.FromResult(transition(step)), null, cancellationToken);

    public Task<Result<FamilyTask>> RunAsync(
        IMemberCommand command, Guid? taskId, TransitionAsync transition, EffectsAsync? effects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return pipeline.RunAsync<FamilyTask, FamilyTask>(
            command,
            caller => db.Tasks.FirstOrDefault(t => t.Id == taskId && t.FamilyId == caller.FamilyId),
            async (work, task, token) =>
            {
                if (task is null)
                {
                    return NotFoundError.Of("Task");
                }

                var step = new TaskStep(task, work);
                var result = await transition(step, token);
                if (result.Value is not { } taskTransition)
                {
                    return result.Error!;
                }

                work.Db.TaskTransitions.Add(taskTransition);
                await work.Db.SaveChangesAsync(token);
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
}
