namespace GraphQLServer.Limits;

/// <summary>
/// Counters and leases that every instance of the service shares (Redis), or that one instance keeps in memory when
/// there is no Redis. All limits (auth budgets, GraphQL cost per minute, connection caps) are built from these two
/// primitives, so they hold across instances the same way.
/// </summary>
public interface ILimitStore
{
    /// <summary>
    /// Adds <paramref name="amount"/> to the counter at <paramref name="key"/>. The counter's window starts with its first
    /// addition and lasts <paramref name="window"/>; afterwards the counter starts again from zero (a fixed window).
    /// </summary>
    Task<WindowCount> AddAsync(string key, long amount, TimeSpan window);

    /// <summary>The counter at <paramref name="key"/> without changing it (zero when it has no open window).</summary>
    Task<WindowCount> ReadAsync(string key);

    /// <summary>Ends the counter's window at once.</summary>
    Task ResetAsync(string key);

    /// <summary>
    /// Takes one of <paramref name="limit"/> concurrent places at <paramref name="key"/> (e.g. a user's open sockets), or
    /// returns null when all are taken. Disposing the lease gives the place back; a lease of an instance that died
    /// expires on its own within <see cref="LimitStoreOptions.LeaseTimeToLive"/>.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string key, int limit);
}

/// <summary>A counter's value after an operation, and how long until its window ends (zero when none is open).</summary>
public readonly record struct WindowCount(long Count, TimeSpan ResetsIn);
