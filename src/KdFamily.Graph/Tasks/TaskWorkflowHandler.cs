using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.LiveUpdates;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Tasks;

/// <summary>What one workflow step needs: the loaded task, the caller, and the time of the attempt.</summary>
public sealed record TaskStep(FamilyTask Task, User Actor, Instant Now);

/// <summary>
/// Runs a workflow action as one unit of work: load the caller and the task, apply the domain transition, write
/// its side effects (ledger, notifications, audit) and the conditional task update in one transaction. Its
/// subscription events are recorded in <see cref="IFamilyEvents"/>; the mutation publishes them after the commit.
/// <para>
/// Race-proofing: the task update is conditional on the row version read (<c>xmin</c>), so of two requests that
/// both saw COMPLETED only one commits; the other gets <see cref="DbUpdateConcurrencyException"/>, discards its
/// work and re-runs the action on the fresh row, where the domain guard returns the typed error (e.g. the task is
/// APPROVED now, or someone else claimed it).
/// </para>
/// </summary>
public sealed class TaskWorkflowHandler(KdFamilyDbContext db, IClock clock, IFamilyEvents events)
{
    /// <summary>More attempts than this means the task changes faster than anyone can act on it.</summary>
    private const int MaxAttempts = 8;

    public delegate Task<Result<TaskTransition>> TransitionAsync(TaskStep step, CancellationToken cancellationToken);

    public delegate Task EffectsAsync(TaskStep step, TaskTransition transition, CancellationToken cancellationToken);

    public async Task<Result<FamilyTask>> RunAsync(
        Guid actorId, string? taskGlobalId, TransitionAsync transition, EffectsAsync? effects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var taskId = GlobalId.Decode(taskGlobalId, "Task");
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            events.Discard();
            var actor = await LoadActorAsync(actorId, cancellationToken);
            var task = actor is null || taskId is null
                ? null
                : await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId && t.FamilyId == actor.FamilyId, cancellationToken);
            if (actor is null || task is null)
            {
                return NotFoundError.Of("Task");
            }

            var step = new TaskStep(task, actor, clock.GetCurrentInstant());
            var result = await transition(step, cancellationToken);
            if (result.Error is { } error)
            {
                return error;
            }

            db.TaskTransitions.Add(result.Value!);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

                // The conditional task update goes first: it is the gate. A racing request blocks on the row until this
                // transaction ends, then finds the version changed, before it writes any side effect.
                await db.SaveChangesAsync(cancellationToken);
                if (effects is not null)
                {
                    await effects(step, result.Value!, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                events.TaskChanged(task, result.Value!.Action);
                return task;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone changed the task since we read it: judge the action again against the fresh row.
            }
            catch (DbUpdateException exception) when (Domain.Points.PointsLedger.IsDuplicateAward(exception))
            {
                db.ChangeTracker.Clear();
                return new AlreadyAwardedError("These points were already awarded.");
            }
        }
    }

    public Task<Result<FamilyTask>> RunAsync(
        Guid actorId, string? taskGlobalId, Func<TaskStep, Result<TaskTransition>> transition, EffectsAsync? effects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return RunAsync(actorId, taskGlobalId, (step, _) => Task.FromResult(transition(step)), effects, cancellationToken);
    }

    /// <summary>The caller as a current member; null when removed (their token may outlive membership).</summary>
    public Task<User?> LoadActorAsync(Guid actorId, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == actorId && u.RemovedAt == null, cancellationToken);

    /// <summary>A current member of <paramref name="familyId"/> by global ID; null for malformed, foreign, removed or unknown IDs.</summary>
    public async Task<User?> LoadMemberAsync(string? userGlobalId, Guid familyId, CancellationToken cancellationToken) =>
        GlobalId.Decode(userGlobalId, "User") is { } id
            ? await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.FamilyId == familyId && u.RemovedAt == null, cancellationToken)
            : null;
}
