using KdFamily.Application.Audit;
using KdFamily.Application.Events;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NodaTime;

namespace KdFamily.Application.Pipeline;

/// <summary>What a use case locks before it reads: the rules it checks decide.</summary>
public enum FamilyLocking
{
    None,

    /// <summary>
    /// The caller's family row, FOR NO KEY UPDATE (inserts that only reference the family are not blocked), until the commit: membership rules ("a family keeps an advisor", "at most 30
    /// members") are checked against counts no concurrent change of the same family can alter underneath.
    /// </summary>
    Family,
}

/// <summary>
/// The one path every change takes, for GraphQL mutations, REST actions and jobs alike:
/// <list type="number">
/// <item>open a transaction; for a member, take the locks the rule needs and load the caller as a current member
/// (a removed member's token may outlive their membership: the use case answers NOT_FOUND);</item>
/// <item>run the handler's work (the domain method, then ledger rows, audit, notifications) in that transaction;</item>
/// <item>a typed error rolls everything back and publishes nothing;</item>
/// <item>commit, retrying the whole work on a lost optimistic race (the conditional update found the row changed) so
/// the domain judges it again against the fresh row, and when PostgreSQL broke a deadlock by aborting this transaction;
/// unique violations the work expects become its typed error;</item>
/// <item>after the commit, and only then, publish the recorded events and run the after-commit actions.</item>
/// </list>
/// </summary>
public sealed partial class UseCasePipeline(
    KdFamilyDbContext db, IClock clock, IFamilyEvents events, IRequestOrigin origin, ILogger<UseCasePipeline> logger)
{
    /// <summary>More attempts than this means the row changes faster than anyone can act on it.</summary>
    private const int MaxAttempts = 8;

    /// <summary>The caller as a current member, compiled once (see <see cref="CallerQuery{TArg, TSubject}"/> for why).</summary>
    private static readonly Func<KdFamilyDbContext, Guid, CancellationToken, Task<User?>> CurrentMember =
        EF.CompileAsyncQuery((KdFamilyDbContext context, Guid callerId, CancellationToken _) =>
            context.Users.AsTracking().FirstOrDefault(u => u.Id == callerId && u.RemovedAt == null));

    public Task<Result<T>> RunAsync<T>(
        IMemberCommand command, Func<MemberWork, CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken) =>
        RunAsync(command, FamilyLocking.None, work, cancellationToken);

    public Task<Result<T>> RunAsync<T>(
        IMemberCommand command, FamilyLocking locking, Func<MemberWork, CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(work);
        return ExecuteAsync(
            async (now, token) =>
            {
                if (locking == FamilyLocking.Family)
                {
                    await db.Database.ExecuteSqlAsync(
                        $"SELECT 1 FROM families f JOIN users u ON u.family_id = f.id WHERE u.id = {command.CallerId} FOR NO KEY UPDATE OF f", token);
                }

                var caller = await CurrentMember(db, command.CallerId, token);
                return caller is null ? null : new MemberWork(db, now, events, origin, caller);
            },
            work,
            cancellationToken);
    }

    /// <summary>
    /// As <see cref="RunAsync{T}(IMemberCommand, Func{MemberWork, CancellationToken, Task{Result{T}}}, CancellationToken)"/>,
    /// with what the work acts on read in the caller's own query, one round trip instead of two: <paramref name="query"/>
    /// selects it (e.g. a task of the caller's family) from the caller's row and <paramref name="argument"/>, and the
    /// work gets it tracked, or null when there is none.
    /// </summary>
    public Task<Result<T>> RunAsync<TArg, TSubject, T>(
        IMemberCommand command,
        CallerQuery<TArg, TSubject> query,
        TArg argument,
        Func<MemberWork, TSubject?, CancellationToken, Task<Result<T>>> work,
        CancellationToken cancellationToken)
        where TSubject : class
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(work);
        TSubject? subject = null;
        return ExecuteAsync(
            async (now, token) =>
            {
                var loaded = await query.RunAsync(db, command.CallerId, argument, token);
                subject = loaded?.Subject;
                return loaded is null ? null : new MemberWork(db, now, events, origin, loaded.Caller);
            },
            (unit, token) => work(unit, subject, token),
            cancellationToken);
    }

    /// <summary>Work nobody signed in asks for: registration and sign-in, or a scheduled job.</summary>
    public Task<Result<T>> RunAsync<T>(Func<UnitOfWork, CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ExecuteAsync((now, _) => Task.FromResult<UnitOfWork?>(new UnitOfWork(db, now, events, origin)), work, cancellationToken);
    }

    private async Task<Result<T>> ExecuteAsync<TWork, T>(
        Func<Instant, CancellationToken, Task<TWork?>> begin, Func<TWork, CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
        where TWork : UnitOfWork
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            events.Discard();
            TWork? unit = null;
            var committed = false;
            try
            {
                Result<T> result;
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    // A failed statement fails the whole attempt (it is retried or answered from the start), so EF's
                    // savepoint around every SaveChanges would only cost two round trips each.
                    db.Database.AutoSavepointsEnabled = false;
                    unit = await begin(clock.GetCurrentInstant(), cancellationToken);
                    if (unit is null)
                    {
                        return NotFoundError.Of("User");
                    }

                    result = await work(unit, cancellationToken);
                    if (result.Error is not null)
                    {
                        return result;
                    }

                    await db.SaveChangesAsync(cancellationToken);

                    // Once COMMIT is sent the change may be durable: a caller that goes away must not turn it into an
                    // error that skips the announcements below.
                    await transaction.CommitAsync(CancellationToken.None);
                    committed = true;
                }

                await AnnounceAsync(unit);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone changed the row since it was read: judge the work again against the fresh row.
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsDeadlockOrSerializationFailure(exception))
            {
                // PostgreSQL chose this transaction to break a deadlock (or a serialization conflict): nothing of it was
                // kept, and running it again is what the database asks for.
            }
            catch (DbUpdateException exception) when (UniqueViolation.ConstraintOf(exception) is { } constraint && unit?.ConflictFor(constraint) is { } conflict)
            {
                return conflict;
            }
            finally
            {
                if (!committed)
                {
                    db.ChangeTracker.Clear();
                    events.Discard();
                }
            }
        }
    }

    private static bool IsDeadlockOrSerializationFailure(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException) is
        { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    /// <summary>
    /// The change is committed: its events and after-commit actions (e.g. announcing a revoked session to every instance)
    /// each run, and a failure of one is logged, never reported to the caller as a failed change.
    /// </summary>
    private async Task AnnounceAsync(UnitOfWork unit)
    {
        foreach (var step in unit.AfterCommitActions.Prepend(events.PublishAsync))
        {
            try
            {
                await step();
            }
            catch (Exception exception)
            {
                LogAnnouncementFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A committed change could not be fully announced; subscribers or other instances may learn of it late.")]
    private static partial void LogAnnouncementFailed(ILogger logger, Exception exception);
}
