using System.Diagnostics.CodeAnalysis;
using GraphQLServer.Diagnostics;

namespace GraphQLServer.WebSockets;

/// <summary>
/// One running operation of a socket: cancelled (and its event-stream subscription disposed) exactly once, whoever
/// gets there first: the client's complete/stop, the end of the stream, or the socket closing.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The CancellationTokenSource has no timer or wait handle to release; disposing it would race with a late Stop from the client or the stream.")]
internal sealed class ActiveOperation(string id, GraphQLOperationMetrics? metrics = null)
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancellation = new();
    private IDisposable? _subscription;
    private bool _attached;
    private bool _stopped;

    public string Id { get; } = id;

    public CancellationToken Cancelled => _cancellation.Token;

    /// <summary>Subscribes to the event stream; false when the operation was stopped meanwhile.</summary>
    public bool Attach<T>(IObservable<T> stream, IObserver<T> observer)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _attached = true;
            metrics?.SubscriptionStarted(GraphQLOperationMetrics.WebSocketTransport);
            var subscription = stream.Subscribe(observer);
            if (_stopped)
            {
                // The stream ended synchronously inside Subscribe and already stopped us (re-entrantly).
                subscription.Dispose();
            }
            else
            {
                _subscription = subscription;
            }

            return true;
        }
    }

    public void Stop()
    {
        IDisposable? subscription;
        bool attached;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            subscription = _subscription;
            attached = _attached;
            _subscription = null;
        }

        _cancellation.Cancel();
        subscription?.Dispose();
        if (attached)
        {
            metrics?.SubscriptionEnded(GraphQLOperationMetrics.WebSocketTransport);
        }
    }
}
