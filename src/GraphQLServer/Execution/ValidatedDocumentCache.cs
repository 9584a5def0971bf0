using System.Collections.Concurrent;
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
/// </summary>
public sealed class ValidatedDocumentCache
{
    public const int MaxDocuments = 1_000;
    public const long MaxTotalLength = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _totalLength;

    public bool TryGet(string query, out GraphQLDocument document) => _documents.TryGetValue(query, out document!);

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

            if (query.Length <= MaxTotalLength && _documents.TryAdd(query, document))
            {
                _totalLength += query.Length;
            }
        }
    }

    public int Count => _documents.Count;
}
