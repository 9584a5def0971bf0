namespace GraphQLServer.PubSub;

/// <summary>How a <see cref="TopicHub"/> reaches the broker: one broker subscription per topic.</summary>
internal interface ITopicTransport
{
    /// <summary>Starts receiving <paramref name="topic"/>; completes once the broker confirmed the subscription.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string topic, Action<string> onMessage, CancellationToken cancellationToken);
}

/// <summary>
/// Fans broker messages out to local subscribers. Each topic has ONE transport subscription per process, shared by
/// every local stream of that topic and released when the last one leaves. <see cref="FailAll"/> ends every live
/// stream with an error (the broker connection was lost) and forgets the topics, so new subscriptions start afresh.
/// </summary>
internal sealed class TopicHub(ITopicTransport transport)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TopicEntry> _topics = new(StringComparer.Ordinal);

    /// <summary>How many topics have a transport subscription now (for tests and diagnostics).</summary>
    public int ActiveTopicCount
    {
        get
        {
            lock (_gate)
            {
                return _topics.Count;
            }
        }
    }

    /// <summary>How many local subscriptions are listening to <paramref name="topic"/> now (for tests and diagnostics).</summary>
    public int ListenerCount(string topic)
    {
        lock (_gate)
        {
            return _topics.TryGetValue(topic, out var entry) ? entry.ObserverCount : 0;
        }
    }

    public async Task<IObservable<T>> SubscribeAsync<T>(string topic, Func<string, T> deserialize, CancellationToken cancellationToken)
    {
        TopicEntry entry;
        lock (_gate)
        {
            if (!_topics.TryGetValue(topic, out entry!))
            {
                entry = new TopicEntry(topic);
                _topics[topic] = entry;
                entry.Ready = transport.SubscribeAsync(topic, entry.Deliver, CancellationToken.None);
            }

            entry.References++;
        }

        try
        {
            await entry.Ready.WaitAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            Release(entry);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TopicStreamInterruptedException("The event bus is unavailable; try again later.", exception);
        }

        return new TopicStream<T>(this, entry, deserialize);
    }

    /// <summary>Ends every live stream with <paramref name="error"/> and drops all topics.</summary>
    public void FailAll(Exception error)
    {
        List<TopicEntry> failed;
        lock (_gate)
        {
            failed = [.. _topics.Values];
            _topics.Clear();
        }

        foreach (var entry in failed)
        {
            entry.Fail(error);
            _ = UnsubscribeAsync(entry);
        }
    }

    private void Release(TopicEntry entry)
    {
        lock (_gate)
        {
            if (--entry.References > 0 || !_topics.TryGetValue(entry.Topic, out var current) || current != entry)
            {
                return;
            }

            _topics.Remove(entry.Topic);
        }

        _ = UnsubscribeAsync(entry);
    }

    private static async Task UnsubscribeAsync(TopicEntry entry)
    {
        try
        {
            await (await entry.Ready).DisposeAsync();
        }
        catch (Exception)
        {
            // Best effort: the subscription failed or the broker is gone, which also ends it.
        }
    }

    private sealed class TopicEntry(string topic)
    {
        private readonly Lock _observersGate = new();
        private ObserverList _observers = ObserverList.Empty;

        public string Topic { get; } = topic;

        public Task<IAsyncDisposable> Ready { get; set; } = null!;

        public int References { get; set; }

        public Exception? Failure { get; private set; }

        public int ObserverCount => _observers.Items.Length;

        public void Deliver(string message)
        {
            foreach (var observer in _observers.Items)
            {
                observer.OnNext(message);
            }
        }

        public bool Add(IObserver<string> observer)
        {
            lock (_observersGate)
            {
                if (Failure is not null)
                {
                    return false;
                }

                _observers = _observers.Add(observer);
                return true;
            }
        }

        public void Remove(IObserver<string> observer)
        {
            lock (_observersGate)
            {
                _observers = _observers.Remove(observer);
            }
        }

        public void Fail(Exception error)
        {
            IObserver<string>[] observers;
            lock (_observersGate)
            {
                Failure = error;
                observers = _observers.Items;
                _observers = ObserverList.Empty;
            }

            foreach (var observer in observers)
            {
                observer.OnError(error);
            }
        }
    }

    /// <summary>Copy-on-write observer list: delivery iterates a snapshot without locking.</summary>
    private sealed record ObserverList(IObserver<string>[] Items)
    {
        public static readonly ObserverList Empty = new([]);

        public ObserverList Add(IObserver<string> item) => new([.. Items, item]);

        public ObserverList Remove(IObserver<string> item) => new([.. Items.Where(i => i != item)]);
    }

    /// <summary>
    /// One subscriber's view of a topic. It holds one reference to the topic, released when its last observer
    /// unsubscribes, ends or fails.
    /// </summary>
    private sealed class TopicStream<T>(TopicHub hub, TopicEntry entry, Func<string, T> deserialize) : IObservable<T>
    {
        private readonly Lock _gate = new();
        private int _observers;
        private bool _released;

        public IDisposable Subscribe(IObserver<T> observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            lock (_gate)
            {
                if (_released)
                {
                    observer.OnCompleted();
                    return NoSubscription.Instance;
                }

                _observers++;
            }

            var slot = new TopicObserver<T>(observer, deserialize, Leave);
            if (!entry.Add(slot))
            {
                slot.OnError(entry.Failure!);
            }

            return slot;
        }

        private void Leave(IObserver<string> slot)
        {
            entry.Remove(slot);
            lock (_gate)
            {
                if (--_observers > 0 || _released)
                {
                    return;
                }

                _released = true;
            }

            hub.Release(entry);
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
