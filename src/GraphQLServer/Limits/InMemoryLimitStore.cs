namespace GraphQLServer.Limits;

/// <summary>
/// The limit store of a single instance (no Redis configured), and the fallback of <see cref="RedisLimitStore"/> while
/// Redis cannot be reached. Expired windows are swept now and then so per-address keys do not pile up.
/// </summary>
public sealed class InMemoryLimitStore(TimeProvider time) : ILimitStore
{
    private const int SweepEvery = 1024;

    private readonly Dictionary<string, (long Count, DateTimeOffset EndsAt)> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _leases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _additions;

    public Task<WindowCount> AddAsync(string key, long amount, TimeSpan window)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (++_additions % SweepEvery == 0)
            {
                foreach (var expired in _windows.Where(w => w.Value.EndsAt <= now).Select(w => w.Key).ToList())
                {
                    _windows.Remove(expired);
                }
            }

            var current = _windows.TryGetValue(key, out var found) && found.EndsAt > now ? found : (Count: 0L, EndsAt: now + window);
            current.Count += amount;
            _windows[key] = current;
            return Task.FromResult(new WindowCount(current.Count, current.EndsAt - now));
        }
    }

    public Task<WindowCount> ReadAsync(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return Task.FromResult(_windows.TryGetValue(key, out var found) && found.EndsAt > now
                ? new WindowCount(found.Count, found.EndsAt - now)
                : default);
        }
    }

    public Task ResetAsync(string key)
    {
        lock (_lock)
        {
            _windows.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable?> TryAcquireAsync(string key, int limit)
    {
        lock (_lock)
        {
            var taken = _leases.GetValueOrDefault(key);
            if (taken >= limit)
            {
                return Task.FromResult<IAsyncDisposable?>(null);
            }

            _leases[key] = taken + 1;
        }

        return Task.FromResult<IAsyncDisposable?>(new Lease(this, key));
    }

    private void Release(string key)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(key, out var taken) && taken > 1)
            {
                _leases[key] = taken - 1;
            }
            else
            {
                _leases.Remove(key);
            }
        }
    }

    private sealed class Lease(InMemoryLimitStore store, string key) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                store.Release(key);
            }

            return ValueTask.CompletedTask;
        }
    }
}
