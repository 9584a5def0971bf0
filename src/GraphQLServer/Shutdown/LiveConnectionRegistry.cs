using System.Collections.Concurrent;

namespace GraphQLServer.Shutdown;

/// <summary>
/// The long-lived connections of the GraphQL transports (WebSockets, SSE streams), each with what ends it politely.
/// When the host starts stopping (<see cref="IHostApplicationLifetime.ApplicationStopping"/>, i.e. SIGTERM) every
/// one is ended at once, so Kestrel's graceful stop waits only for those short goodbyes and for ordinary in-flight
/// requests, instead of for sockets that would never end on their own until the shutdown timeout cut them.
/// A connection that registers after stopping began is ended at once.
/// </summary>
public sealed partial class LiveConnectionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<long, Action> _ends = new();
    private readonly ILogger<LiveConnectionRegistry> _logger;
    private readonly CancellationTokenRegistration _onStopping;
    private long _lastId;
    private int _stopping;

    public LiveConnectionRegistry(IHostApplicationLifetime lifetime, ILogger<LiveConnectionRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _logger = logger;
        _onStopping = lifetime.ApplicationStopping.Register(EndAll);
    }

    /// <summary>Connections open now.</summary>
    public int Count => _ends.Count;

    /// <summary>
    /// Registers a connection; <paramref name="end"/> runs once if the host stops while it is open (it must not block:
    /// ask for the close, don't wait for it). Dispose the result when the connection ends.
    /// </summary>
    public IDisposable Register(Action end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var id = Interlocked.Increment(ref _lastId);
        _ends[id] = end;
        if (Volatile.Read(ref _stopping) == 1)
        {
            End(id);
        }

        return new Registration(this, id);
    }

    public void Dispose() => _onStopping.Dispose();

    private void EndAll()
    {
        Interlocked.Exchange(ref _stopping, 1);
        LogEnding(_logger, _ends.Count);
        foreach (var id in _ends.Keys)
        {
            End(id);
        }
    }

    private void End(long id)
    {
        if (_ends.TryRemove(id, out var end))
        {
            end();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Stopping: ending {Count} open GraphQL WebSockets and event streams")]
    private static partial void LogEnding(ILogger logger, int count);

    private sealed class Registration(LiveConnectionRegistry registry, long id) : IDisposable
    {
        public void Dispose() => registry._ends.TryRemove(id, out _);
    }
}
