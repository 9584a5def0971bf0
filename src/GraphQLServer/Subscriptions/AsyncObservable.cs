namespace GraphQLServer.Subscriptions;

public static class AsyncObservable
{
    /// <summary>
    /// Maps each element with an asynchronous <paramref name="selector"/>, one at a time and in order, and drops the
    /// elements it maps to null (e.g. an event whose object is gone). A selector failure ends the stream with that error;
    /// a source error ends it with <paramref name="mapError"/>(error).
    /// </summary>
    public static IObservable<TResult> SelectAwait<TSource, TResult>(
        this IObservable<TSource> source, Func<TSource, CancellationToken, Task<TResult?>> selector, Func<Exception, Exception>? mapError = null)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selector);
        return new SelectAwaitObservable<TSource, TResult>(source, selector, mapError ?? (error => error));
    }

    private sealed class SelectAwaitObservable<TSource, TResult>(
        IObservable<TSource> source, Func<TSource, CancellationToken, Task<TResult?>> selector, Func<Exception, Exception> mapError)
        : IObservable<TResult>
        where TResult : class
    {
        public IDisposable Subscribe(IObserver<TResult> observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            var pump = new SelectAwaitPump<TSource, TResult>(observer, selector, mapError);
            pump.Start(source);
            return pump;
        }
    }
}

/// <summary>
/// Queues source notifications and feeds them through the selector one at a time, so the observer sees them in order.
/// Nothing runs while nothing waits: an idle subscription holds no task, channel or timer, only this object; a drain
/// loop starts on the thread pool when a notification arrives (in the execution context of the subscribe, as if it
/// had been waiting there) and ends when the queue is empty.
/// </summary>
internal sealed class SelectAwaitPump<TSource, TResult>(
    IObserver<TResult> observer, Func<TSource, CancellationToken, Task<TResult?>> selector, Func<Exception, Exception> mapError)
    : IObserver<TSource>, IDisposable
    where TResult : class
{
    private readonly Lock _gate = new();
    private ExecutionContext? _context;
    private Queue<TSource>? _pending;
    private bool _draining;
    private bool _sourceEnded;
    private Exception? _sourceError;
    private CancellationTokenSource? _stop;
    private IDisposable? _subscription;
    private int _disposed;

    private bool Stopped => Volatile.Read(ref _disposed) == 1;

    public void Start(IObservable<TSource> source)
    {
        _context = ExecutionContext.Capture();
        var subscription = source.Subscribe(this);
        if (Interlocked.CompareExchange(ref _subscription, subscription, null) is not null || Stopped)
        {
            subscription.Dispose();
        }
    }

    public void OnNext(TSource value)
    {
        lock (_gate)
        {
            if (_sourceEnded || Stopped)
            {
                return;
            }

            (_pending ??= new Queue<TSource>(1)).Enqueue(value);
            StartDrainingIfIdle();
        }
    }

    public void OnError(Exception error) => EndSource(mapError(error));

    public void OnCompleted() => EndSource(null);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        CancellationTokenSource? stop;
        lock (_gate)
        {
            stop = _stop;
            _pending = null;
            _sourceEnded = true;
        }

        // Not disposed: a drain may still be registering on its token (a source without a timer needs no disposal).
        stop?.Cancel();
        Interlocked.Exchange(ref _subscription, NoSubscription.Instance)?.Dispose();
    }

    private void EndSource(Exception? error)
    {
        lock (_gate)
        {
            if (_sourceEnded || Stopped)
            {
                return;
            }

            _sourceEnded = true;
            _sourceError = error;
            StartDrainingIfIdle();
        }
    }

    // Under the lock.
    private void StartDrainingIfIdle()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        _stop ??= new CancellationTokenSource();
        ThreadPool.UnsafeQueueUserWorkItem(static pump => pump.RunDrain(), this, preferLocal: false);
    }

    private void RunDrain()
    {
        if (_context is { } context)
        {
            ExecutionContext.Run(context, static pump => _ = ((SelectAwaitPump<TSource, TResult>)pump!).DrainAsync(), this);
        }
        else
        {
            _ = DrainAsync();
        }
    }

    private async Task DrainAsync()
    {
        CancellationToken stop;
        lock (_gate)
        {
            stop = _stop!.Token;
        }

        try
        {
            while (true)
            {
                TSource item;
                lock (_gate)
                {
                    if (_pending is { Count: > 0 } pending)
                    {
                        item = pending.Dequeue();
                        if (pending.Count == 0)
                        {
                            _pending = null;
                        }
                    }
                    else if (!_sourceEnded)
                    {
                        _draining = false;
                        return;
                    }
                    else
                    {
                        break;
                    }
                }

                if (await selector(item, stop) is { } result && !Stopped)
                {
                    observer.OnNext(result);
                }
            }

            if (Stopped)
            {
                return;
            }

            if (_sourceError is { } error)
            {
                observer.OnError(error);
                Dispose();
            }
            else
            {
                observer.OnCompleted();
            }
        }
        catch (OperationCanceledException) when (Stopped)
        {
            // Unsubscribed.
        }
        catch (Exception error) when (!Stopped)
        {
            observer.OnError(error);
            Dispose();
        }
    }

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
