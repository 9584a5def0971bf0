namespace GraphQLServer.PubSub;

/// <summary>
/// Adapts raw topic messages to one observer of <typeparamref name="T"/>: calls are serialized and stop after the end;
/// the observer leaves the topic once (on dispose, end or error).
/// </summary>
internal sealed class TopicObserver<T>(IObserver<T> observer, Func<string, T> deserialize, Action<IObserver<string>> leave)
    : IObserver<string>, IDisposable
{
    private readonly Lock _gate = new();
    private bool _done;
    private int _left;

    public void OnNext(string value)
    {
        T message;
        try
        {
            message = deserialize(value);
        }
        catch (System.Text.Json.JsonException)
        {
            return; // not a message of this stream's type: skip it
        }

        lock (_gate)
        {
            if (!_done)
            {
                observer.OnNext(message);
            }
        }
    }

    public void OnError(Exception error)
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            _done = true;
            observer.OnError(error);
        }

        Leave();
    }

    public void OnCompleted()
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            _done = true;
            observer.OnCompleted();
        }

        Leave();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _done = true;
        }

        Leave();
    }

    private void Leave()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            leave(this);
        }
    }
}
