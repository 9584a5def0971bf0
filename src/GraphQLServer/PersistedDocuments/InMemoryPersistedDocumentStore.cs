using Microsoft.Extensions.Options;

namespace GraphQLServer.PersistedDocuments;

/// <summary>
/// The persisted-document store of a single instance, and the fallback of <see cref="RedisPersistedDocumentStore"/>
/// while Redis cannot be reached: least recently used entries go first once <see cref="PersistedDocumentsOptions.MaxEntries"/>
/// are kept, and an entry lapses <see cref="PersistedDocumentsOptions.TimeToLive"/> after its registration.
/// </summary>
public sealed class InMemoryPersistedDocumentStore(IOptions<PersistedDocumentsOptions> options, TimeProvider time) : IPersistedDocumentStore
{
    private readonly PersistedDocumentsOptions _options = options.Value;
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public Task<string?> GetAsync(string hash)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(hash, out var node))
            {
                return Task.FromResult<string?>(null);
            }

            if (node.Value.ExpiresAt <= now)
            {
                Remove(node);
                return Task.FromResult<string?>(null);
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return Task.FromResult<string?>(node.Value.Document);
        }
    }

    public Task SaveAsync(string hash, string document)
    {
        var entry = new Entry(hash, document, time.GetUtcNow() + _options.TimeToLive);
        lock (_lock)
        {
            if (_entries.TryGetValue(hash, out var existing))
            {
                Remove(existing);
            }

            _entries[hash] = _recency.AddFirst(entry);
            while (_entries.Count > _options.MaxEntries)
            {
                Remove(_recency.Last!);
            }
        }

        return Task.CompletedTask;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Hash);
    }

    private sealed record Entry(string Hash, string Document, DateTimeOffset ExpiresAt);
}
