using System.Collections.Concurrent;

namespace GraphQLServer.DataLoader;

/// <summary>
/// The DataLoaders of one request (a scoped service): each loader type is created once per request, on first
/// use, so its batches and cache are shared by every resolver of that request and by nothing else.
/// <para>
/// When the engine awaits the first result of a batch, the context starts every batch that is waiting, of every
/// loader, in one <see cref="DispatchRound"/>: the loaders of one level fetch side by side and can share a round trip.
/// </para>
/// <para>
/// Subscription events are the exception: every subscriber of one event reads the same rows, so they use one
/// context shared between them (<see cref="ShareBetweenCallers"/>, <see cref="UseLoadersOf"/>; see
/// <c>SharedEventLoads</c>).
/// </para>
/// </summary>
public sealed class DataLoaderContext(IServiceProvider services)
{
    // Created on first use: a subscription's context hands out its event's shared loaders and never needs its own,
    // and it lives as long as the subscription.
    private ConcurrentDictionary<Type, object>? _loaders;
    private DataLoaderContext? _delegate;
    private bool _sharedByCallers;
    private readonly Lock _waitingGate = new();

    // Finding a loader's constructor and its services by reflection costs more than the loader's own work on a small
    // request: done once per loader type for the process.
    private static readonly ConcurrentDictionary<Type, ObjectFactory> Factories = new();
    private List<IWaitingBatch>? _waiting;

    /// <summary>The request's instance of <typeparamref name="TLoader"/>, built with constructor injection.</summary>
    public TLoader GetLoader<TLoader>()
        where TLoader : class =>
        _delegate is { } shared
            ? shared.GetLoader<TLoader>()
            : (TLoader)Loaders().GetOrAdd(typeof(TLoader), static (type, context) => context.Create(type), this);

    private ConcurrentDictionary<Type, object> Loaders() =>
        _loaders ?? Interlocked.CompareExchange(ref _loaders, new ConcurrentDictionary<Type, object>(concurrencyLevel: 1, capacity: 8), null) ?? _loaders;

    /// <summary>
    /// Marks this context as used by independent callers (e.g. every subscriber of one event): its fetches ignore the
    /// cancellation of whichever caller starts them. Call before the first <see cref="GetLoader{TLoader}"/>.
    /// </summary>
    public void ShareBetweenCallers()
    {
        ThrowIfUsed();
        _sharedByCallers = true;
    }

    /// <summary>
    /// Hands out <paramref name="shared"/>'s loaders instead of this context's own from now on (a subscription event's
    /// loaders, shared with its other subscribers). Call before the first <see cref="GetLoader{TLoader}"/>.
    /// </summary>
    public void UseLoadersOf(DataLoaderContext shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ThrowIfUsed();
        _delegate = shared;
    }

    /// <summary>Called by a loader when it opens a batch.</summary>
    internal void Waiting(IWaitingBatch batch)
    {
        lock (_waitingGate)
        {
            (_waiting ??= new List<IWaitingBatch>(4)).Add(batch);
        }
    }

    /// <summary>Starts every waiting batch in one round, including those the starting fetches open themselves.</summary>
    internal void DispatchWaiting(CancellationToken cancellationToken)
    {
        var round = DispatchRound.Begin();
        try
        {
            while (TakeWaiting() is { } batches)
            {
                foreach (var batch in batches)
                {
                    batch.Dispatch(cancellationToken);
                }
            }
        }
        finally
        {
            round?.End();
        }
    }

    private IWaitingBatch[]? TakeWaiting()
    {
        lock (_waitingGate)
        {
            if (_waiting is not { Count: > 0 } waiting)
            {
                return null;
            }

            IWaitingBatch[] batches = [.. waiting];
            waiting.Clear();
            return batches;
        }
    }

    private object Create(Type type)
    {
        var loader = Factories.GetOrAdd(type, static type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes))(services, null);
        if (loader is IContextDataLoader contextLoader)
        {
            contextLoader.JoinContext(this, _sharedByCallers);
        }

        return loader;
    }

    private void ThrowIfUsed()
    {
        if (_loaders is { IsEmpty: false } || _delegate is not null)
        {
            throw new InvalidOperationException("A DataLoaderContext can only be shared before its first loader is used.");
        }
    }
}
