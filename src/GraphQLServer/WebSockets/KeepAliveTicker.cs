namespace GraphQLServer.WebSockets;

/// <summary>
/// One timer for the keep-alives of every socket of an endpoint, instead of a timer, a task and a cancellation
/// registration per socket: an idle socket costs only its entry here. Each tick calls every acknowledged socket once
/// (its first keep-alive comes within one interval of the ack). The timer runs only while sockets are registered.
/// </summary>
internal sealed class KeepAliveTicker
{
    private readonly Lock _gate = new();
    private readonly HashSet<IKeepAliveTarget> _targets = [];
    private readonly ITimer _timer;
    private readonly TimeSpan _interval;

    public KeepAliveTicker(TimeSpan interval)
    {
        _interval = interval;
        _timer = TimeProvider.System.CreateTimer(static state => ((KeepAliveTicker)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts ticking <paramref name="target"/> until <see cref="Remove"/> (at the latest when its socket ends).</summary>
    public void Add(IKeepAliveTarget target)
    {
        lock (_gate)
        {
            if (_targets.Add(target) && _targets.Count == 1)
            {
                _timer.Change(_interval, _interval);
            }
        }
    }

    public void Remove(IKeepAliveTarget target)
    {
        lock (_gate)
        {
            if (_targets.Remove(target) && _targets.Count == 0)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Tick()
    {
        IKeepAliveTarget[] targets;
        lock (_gate)
        {
            targets = [.. _targets];
        }

        foreach (var target in targets)
        {
            target.KeepAlive();
        }
    }
}

/// <summary>A socket the <see cref="KeepAliveTicker"/> calls at each keep-alive interval.</summary>
internal interface IKeepAliveTarget
{
    /// <summary>Sends the keep-alive (or closes an unresponsive socket). Called on a timer thread: must not block.</summary>
    void KeepAlive();
}
