using System.Collections.Concurrent;

namespace KdFamily.Graph.Server.Subscriptions;

/// <summary>
/// Coalesces the work that many subscribers of one event would each repeat: the first to ask for a key runs the
/// load, everyone else in this process awaits the same task. Keys must identify the event (e.g. carry an id minted
/// by the publisher) and everything the result depends on; entries are dropped a short while after they complete.
/// Only share results that every subscriber asking for the key may see.
/// </summary>
public sealed class SharedEventLoads(TimeProvider time)
{
    /// <summary>How long a completed load stays shared: long enough for one event's fan-out to every local subscriber.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _loads = new(StringComparer.Ordinal);

    /// <summary>Loads currently shared (for tests and diagnostics).</summary>
    public int Count => _loads.Count;

    /// <summary>
    /// The result of <paramref name="load"/> for <paramref name="key"/>, run once however many callers ask at the same
    /// time. The load gets no caller's cancellation token: one subscriber leaving must not fail the others.
    /// </summary>
    public async Task<T?> GetOrLoadAsync<T>(string key, Func<Task<T?>> load)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(load);
        var entry = new Lazy<Task<object?>>(async () => await load());
        var shared = _loads.GetOrAdd(key, entry);
        if (ReferenceEquals(shared, entry))
        {
            _ = ForgetLaterAsync(key, entry);
        }

        return (T?)await shared.Value;
    }

    private async Task ForgetLaterAsync(string key, Lazy<Task<object?>> entry)
    {
        try
        {
            await entry.Value;
        }
        catch (Exception)
        {
            // The failure reached the callers; a failed load is forgotten like a successful one.
        }

        await Task.Delay(Retention, time);
        _loads.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(key, entry));
    }
}
