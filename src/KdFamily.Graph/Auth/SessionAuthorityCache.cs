using System.Collections.Concurrent;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Auth;

/// <summary>
/// The authority behind access tokens' sessions (`sid`), read with one primary-key lookup (auth_sessions joined to
/// users) and reused for <see cref="SessionAuthorityOptions.SessionCacheLifetime"/>. Every change of a user's
/// authority (<see cref="SessionChanges"/>) drops their entries on every instance and tells the watchers (open sockets
/// and streams) to look again. The cache is only trusted while the change feed is connected
/// (<see cref="SessionChangeListener"/>); otherwise every call reads the store.
/// <para>
/// Concurrent misses of one session share one read (when caching): one event fanned out to a thousand subscriptions of
/// one session, just after its entry expired or was dropped, costs one lookup, not a thousand.
/// </para>
/// </summary>
public sealed class SessionAuthorityCache(
    IDbContextFactory<KdFamilyDbContext> dbFactory, TimeProvider time, IOptions<SessionAuthorityOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly Dictionary<Guid, List<Action>> _watchers = [];
    private readonly Lock _watchersGate = new();
    private readonly Dictionary<Guid, Read> _reads = [];
    private readonly Lock _readsGate = new();
    private long _generation;
    private int _sweepAt = 1024;
    private volatile bool _trusted;

    /// <summary>True while the change feed is connected, so entries are kept.</summary>
    public bool IsTrusted => _trusted;

    /// <summary>Identifies this instance's own announcements on the bus (it has applied them already).</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The session's authority, or null when it is unknown, revoked or its user removed.</summary>
    public async ValueTask<SessionAuthority?> GetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.SessionCacheLifetime;
        var caching = _trusted && lifetime > TimeSpan.Zero;
        if (caching && _entries.TryGetValue(sessionId, out var cached) && time.GetElapsedTime(cached.LoadedAt) < lifetime)
        {
            return cached.Authority;
        }

        if (!caching)
        {
            return (await LoadAsync(sessionId, cancellationToken)).Authority;
        }

        // A read started since the last announced change is as good as our own: join it. It runs without any caller's
        // token, so a caller leaving does not fail the others.
        var generation = Interlocked.Read(ref _generation);
        Read read;
        lock (_readsGate)
        {
            if (!_reads.TryGetValue(sessionId, out read!) || read.Generation != generation)
            {
                read = new Read(generation);
                var started = read;
                read.Task = new Lazy<Task<SessionAuthority?>>(() => ReadAndKeepAsync(sessionId, started, lifetime));
                _reads[sessionId] = read;
            }
        }

        return await read.Task.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets what is known about <paramref name="userId"/>'s sessions and tells their watchers.</summary>
    public void Invalidate(Guid userId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (sessionId, entry) in _entries)
        {
            if (entry.UserId == userId)
            {
                _entries.TryRemove(sessionId, out _);
            }
        }

        Notify(WatchersOf(userId));
    }

    /// <summary>The change feed is connected (again): start caching, and have every watcher look again for what was missed.</summary>
    public void Trust()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        _trusted = true;
        List<Action> all;
        lock (_watchersGate)
        {
            all = [.. _watchers.Values.SelectMany(list => list)];
        }

        Notify(all);
    }

    /// <summary>The change feed is down: changes made elsewhere would go unnoticed, so read the store every time.</summary>
    public void Distrust()
    {
        _trusted = false;
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>Calls <paramref name="changed"/> whenever <paramref name="userId"/>'s authority may have changed, until disposed.</summary>
    public IDisposable Watch(Guid userId, Action changed)
    {
        lock (_watchersGate)
        {
            if (!_watchers.TryGetValue(userId, out var list))
            {
                _watchers[userId] = list = [];
            }

            list.Add(changed);
        }

        return new Watcher(this, userId, changed);
    }

    private async Task<SessionAuthority?> ReadAndKeepAsync(Guid sessionId, Read read, TimeSpan lifetime)
    {
        try
        {
            var loadedAt = time.GetTimestamp();
            var (userId, authority) = await LoadAsync(sessionId, CancellationToken.None);

            // A change announced while we read may not be in what we read: such a result is used once, not kept.
            if (Interlocked.Read(ref _generation) == read.Generation)
            {
                var entry = new Entry(userId, authority, loadedAt);
                _entries[sessionId] = entry;

                // A change may have been announced between the check and the store: then take the entry back out.
                if (Interlocked.Read(ref _generation) != read.Generation)
                {
                    _entries.TryRemove(new KeyValuePair<Guid, Entry>(sessionId, entry));
                }

                SweepIfLarge(lifetime);
            }

            return authority;
        }
        finally
        {
            lock (_readsGate)
            {
                if (_reads.TryGetValue(sessionId, out var current) && current == read)
                {
                    _reads.Remove(sessionId);
                }
            }
        }
    }

    private async Task<(Guid UserId, SessionAuthority? Authority)> LoadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.AuthSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.RevokedAt, s.ExpiresAt, s.User!.FamilyId, s.User.Role, s.User.RemovedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return (Guid.Empty, null);
        }

        var live = row.RevokedAt is null && row.RemovedAt is null;
        return (row.UserId, live ? new SessionAuthority(row.UserId, row.FamilyId, row.Role, row.ExpiresAt) : null);
    }

    private void SweepIfLarge(TimeSpan lifetime)
    {
        if (_entries.Count < Volatile.Read(ref _sweepAt))
        {
            return;
        }

        foreach (var (sessionId, entry) in _entries)
        {
            if (time.GetElapsedTime(entry.LoadedAt) >= lifetime)
            {
                _entries.TryRemove(sessionId, out _);
            }
        }

        Volatile.Write(ref _sweepAt, Math.Max(1024, _entries.Count * 2));
    }

    private List<Action> WatchersOf(Guid userId)
    {
        lock (_watchersGate)
        {
            return _watchers.TryGetValue(userId, out var list) ? [.. list] : [];
        }
    }

    private static void Notify(List<Action> watchers)
    {
        foreach (var changed in watchers)
        {
            changed();
        }
    }

    private void Unwatch(Guid userId, Action changed)
    {
        lock (_watchersGate)
        {
            if (_watchers.TryGetValue(userId, out var list) && list.Remove(changed) && list.Count == 0)
            {
                _watchers.Remove(userId);
            }
        }
    }

    private sealed record Entry(Guid UserId, SessionAuthority? Authority, long LoadedAt);

    /// <summary>A read of one session from the store, started at <see cref="Generation"/>, that concurrent misses share.</summary>
    private sealed class Read(long generation)
    {
        public long Generation { get; } = generation;

        public Lazy<Task<SessionAuthority?>> Task { get; set; } = null!;
    }

    private sealed class Watcher(SessionAuthorityCache cache, Guid userId, Action changed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                cache.Unwatch(userId, changed);
            }
        }
    }
}
