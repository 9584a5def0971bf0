using System.Collections.Concurrent;

namespace GraphQLServer.Subscriptions;

/// <summary>
/// The DataLoaders of subscription events, shared by every subscriber in this process that receives the same event:
/// the first subscriber to need a row (the event's object, or a relation one of them selects) loads it, and everyone
/// else reads the same result, so one event costs the same queries for one subscriber or thousands.
/// <para>
/// A key must identify the event (an id minted by the publisher) and who may see what is loaded through it (e.g. one
/// family): only subscribers who may all see every row loaded for the key may share it. Loaders fetch by key and
/// never look at the caller; what depends on the caller (field-level rules, the caller's own rows) is still decided
/// per subscriber by the resolvers. An event's loaders are kept for <see cref="Retention"/> after first use, long enough
/// for its fan-out to every local subscriber, then dropped (their scope disposed once no subscriber is using them).
/// </para>
/// </summary>
public sealed class SharedEventLoads(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How long an event's loaders stay shared: long enough for one event's fan-out to every local subscriber.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SharedEventScope> _events = new(StringComparer.Ordinal);

    /// <summary>Events whose loaders are shared now (for tests and diagnostics).</summary>
    public int Count => _events.Count;

    /// <summary>Starts using the loaders of <paramref name="key"/>'s event (created on first use); dispose the lease when done.</summary>
    public SharedEventLease Enter(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        while (true)
        {
            SharedEventScope? created = null;
            var entry = _events.GetOrAdd(key, _ => created = new SharedEventScope(scopes));
            if (ReferenceEquals(entry, created))
            {
                _ = RetireLaterAsync(key, entry);
            }

            if (entry.TryEnter() is { } lease)
            {
                return lease;
            }

            // Retired a moment ago: make room for a fresh one.
            _events.TryRemove(new KeyValuePair<string, SharedEventScope>(key, entry));
        }
    }

    private async Task RetireLaterAsync(string key, SharedEventScope entry)
    {
        await Task.Delay(Retention, time);
        _events.TryRemove(new KeyValuePair<string, SharedEventScope>(key, entry));
        entry.Retire();
    }
}
