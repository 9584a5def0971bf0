using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// An EF Core transaction interceptor that lets a test hold or fail the next commit on its host's database, so
/// "events after the commit, none on rollback" can be observed at the moment that matters instead of guessed by timing.
/// Only the first commit of a unit of work that changes a task after arming is affected; every other commit passes
/// (background batches of the host commit too, and must not be mistaken for the request under test).
/// </summary>
public sealed class CommitGate : DbTransactionInterceptor
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(60);
    private HeldCommit? _hold;
    private bool _fail;

    /// <summary>Holds the next commit until <see cref="HeldCommit.Release"/> (or 60 s, so a failed test never hangs).</summary>
    public HeldCommit HoldNextCommit()
    {
        var hold = new HeldCommit();
        Assert.Null(Interlocked.CompareExchange(ref _hold, hold, null));
        return hold;
    }

    /// <summary>Makes the next commit fail: the transaction rolls back, as when the database refuses it.</summary>
    public void FailNextCommit() => Volatile.Write(ref _fail, true);

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (!ChangesATask(eventData))
        {
            return result;
        }

        FailIfArmed();
        Interlocked.Exchange(ref _hold, null)?.WaitAsync(LongestHold).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (!ChangesATask(eventData))
        {
            return result;
        }

        FailIfArmed();
        if (Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            await hold.WaitAsync(LongestHold);
        }

        return result;
    }

    private static bool ChangesATask(TransactionEventData eventData) =>
        eventData.Context?.ChangeTracker.Entries<KdFamily.Domain.Tasks.FamilyTask>().Any() == true;

    private void FailIfArmed()
    {
        if (Interlocked.Exchange(ref _fail, false))
        {
            throw new InvalidOperationException("The test's CommitGate refused this commit.");
        }
    }

    /// <summary>A commit the gate holds: <see cref="Reached"/> completes when the commit is waiting.</summary>
    public sealed class HeldCommit
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        internal async Task WaitAsync(TimeSpan longest)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(longest);
        }
    }
}
