using System.Threading.Channels;

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

/// <summary>Queues source notifications and feeds them through the selector on one loop, so the observer sees them in order.</summary>
internal sealed class SelectAwaitPump<TSource, TResult>(
    IObserver<TResult> observer, Func<TSource, CancellationToken, Task<TResult?>> selector, Func<Exception, Exception> mapError)
    : IObserver<TSource>, IDisposable
    where TResult : class
{
    private readonly Channel<TSource> _queue = Channel.CreateUnbounded<TSource>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _subscription;
    private int _disposed;

    public void Start(IObservable<TSource> source)
    {
        _ = RunAsync();
        var subscription = source.Subscribe(this);
        if (Interlocked.CompareExchange(ref _subscription, subscription, null) is not null || Volatile.Read(ref _disposed) == 1)
        {
            subscription.Dispose();
        }
    }

    public void OnNext(TSource value) => _queue.Writer.TryWrite(value);

    public void OnError(Exception error) => _queue.Writer.TryComplete(mapError(error));

    public void OnCompleted() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stop.Cancel();
        _stop.Dispose();
        Interlocked.Exchange(ref _subscription, NoSubscription.Instance)?.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop))
            {
                while (_queue.Reader.TryRead(out var item))
                {
                    if (await selector(item, stop) is { } result && !stop.IsCancellationRequested)
                    {
                        observer.OnNext(result);
                    }
                }
            }

            if (!stop.IsCancellationRequested)
            {
                observer.OnCompleted();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Unsubscribed.
        }
        catch (Exception error) when (!stop.IsCancellationRequested)
        {
            observer.OnError(error is ChannelClosedException { InnerException: { } inner } ? inner : error);
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
