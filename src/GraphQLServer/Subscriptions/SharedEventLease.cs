using GraphQLServer.DataLoader;

namespace GraphQLServer.Subscriptions;

/// <summary>One subscriber's use of an event's shared loaders; disposing it ends that use (once).</summary>
public sealed class SharedEventLease : IDisposable
{
    private int _disposed;

    internal SharedEventLease(SharedEventScope sharedEvent, DataLoaderContext loaders)
    {
        Event = sharedEvent;
        Loaders = loaders;
    }

    /// <summary>The event, to enter again later (e.g. when the event's result is executed).</summary>
    public SharedEventScope Event { get; }

    /// <summary>The event's loaders: results are shared with every other subscriber of the event.</summary>
    public DataLoaderContext Loaders { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Event.Exit();
        }
    }
}
