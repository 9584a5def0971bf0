namespace GraphQLServer.DataLoader;

/// <summary>
/// The moment a <see cref="DataLoaderContext"/> starts every batch that waits for its fetch, because the engine
/// awaited the first of their results. The fetches start one after another on the calling thread, so the I/O a fetch
/// issues before its first await can join the round (<see cref="Join{TWork}"/>) instead of going out at once; when
/// every fetch has started, the round ends and each joined piece of work is sent, e.g. the statements of several
/// loaders in one database round trip.
/// <para>
/// Like <c>Transaction.Current</c>, the round is ambient, but only on the dispatching thread and only until it ends:
/// code after a fetch's first await never sees it.
/// </para>
/// </summary>
public sealed class DispatchRound
{
    [ThreadStatic]
    private static DispatchRound? t_current;

    private readonly List<KeyValuePair<object, IDispatchRoundWork>> _work = [];

    private DispatchRound()
    {
    }

    /// <summary>The round being dispatched on this thread, or null outside one.</summary>
    public static DispatchRound? Current => t_current;

    /// <summary>The work of this round registered under <paramref name="key"/>, created by <paramref name="create"/> the first time.</summary>
    public TWork Join<TWork>(object key, Func<TWork> create)
        where TWork : class, IDispatchRoundWork
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        foreach (var (joinedKey, joined) in _work)
        {
            if (joined is TWork work && Equals(joinedKey, key))
            {
                return work;
            }
        }

        var created = create();
        _work.Add(new(key, created));
        return created;
    }

    /// <summary>Opens a round on this thread; null when one is open already (a fetch that dispatches joins the open round).</summary>
    internal static DispatchRound? Begin()
    {
        if (t_current is not null)
        {
            return null;
        }

        t_current = new DispatchRound();
        return t_current;
    }

    /// <summary>Closes the round and sends what joined it, in the order it joined.</summary>
    internal void End()
    {
        t_current = null;
        foreach (var (_, work) in _work)
        {
            work.Send();
        }
    }
}

/// <summary>I/O deferred to the end of a <see cref="DispatchRound"/>.</summary>
public interface IDispatchRoundWork
{
    /// <summary>
    /// Starts the deferred I/O. Must not throw: a failure belongs to the fetches that joined, through the tasks they
    /// await.
    /// </summary>
    void Send();
}
