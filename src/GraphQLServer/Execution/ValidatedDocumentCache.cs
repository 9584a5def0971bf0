using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using GraphQLParser.AST;

namespace GraphQLServer.Execution;

/// <summary>
/// Documents that passed the shape checks and validation once, by their exact text, so a client sending the same
/// operation again (every app does) skips tokenizing, parsing and GraphQL.NET's core validation rules. The rules the
/// host registers (authorization, input values, cost: they depend on the caller or the variables) run on every
/// request (see <c>DocumentGuard</c>).
/// <para>
/// Bounded by <see cref="MaxDocuments"/> entries and <see cref="MaxTotalLength"/> characters of document text: a
/// client sending ever new documents can't grow it. When either bound would be passed, the cache is emptied and
/// fills again with what clients send next, so the documents in use come back within a request each.
/// </para>
/// <para>
/// A hit also hands back the cached text itself: a request keeps that one shared copy instead of its own, which matters
/// for subscriptions, whose execution options (with the text) live as long as the subscription.
/// </para>
/// </summary>
public sealed class ValidatedDocumentCache
{
    public const int MaxDocuments = 1_000;
    public const long MaxTotalLength = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _totalLength;

    public bool TryGet(string query, [NotNullWhen(true)] out CachedDocument? cached) => _documents.TryGetValue(query, out cached);

    public void Add(string query, GraphQLDocument document)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(document);
        lock (_gate)
        {
            if (_documents.ContainsKey(query))
            {
                return;
            }

            if (_documents.Count >= MaxDocuments || _totalLength + query.Length > MaxTotalLength)
            {
                _documents.Clear();
                _totalLength = 0;
            }

            if (query.Length <= MaxTotalLength && _documents.TryAdd(query, new CachedDocument(query, document)))
            {
                _totalLength += query.Length;
            }
        }
    }

    public int Count => _documents.Count;
}

/// <summary>A validated document and the text it was parsed from (the cache's own copy).</summary>
public sealed record CachedDocument(string Text, GraphQLDocument Document);
