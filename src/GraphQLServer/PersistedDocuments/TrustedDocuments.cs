using System.Security.Cryptography;
using System.Text;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.Extensions.Options;

namespace GraphQLServer.PersistedDocuments;

/// <summary>One trusted operation: its SHA-256 (lowercase hex of the UTF-8 body), name, type and the document that runs.</summary>
public sealed record TrustedDocument(string Id, string Name, string Type, string Body);

/// <summary>
/// The trusted documents, read and hashed once at start from the <c>*.graphql</c> files in
/// <see cref="PersistedDocumentsOptions.TrustedDocumentsPath"/>: each named operation becomes one document made of the
/// operation and the fragments it uses, with <c>__typename</c> selected in every selection set below the root (as Apollo
/// Client adds it, so its cache can normalize the answers), printed by GraphQLParser. <see cref="Manifest"/> lists them
/// in the format of Apollo's persisted-query manifest, which clients load to send ids instead of documents.
/// </summary>
public sealed class TrustedDocuments
{
    private readonly Dictionary<string, TrustedDocument> _byId;

    public TrustedDocuments(IOptions<PersistedDocumentsOptions> options)
        : this(Load(options?.Value.TrustedDocumentsPath))
    {
    }

    private TrustedDocuments(IReadOnlyList<TrustedDocument> documents)
    {
        Documents = documents;
        _byId = documents.ToDictionary(document => document.Id, StringComparer.Ordinal);
    }

    /// <summary>The trusted documents, ordered by operation name.</summary>
    public IReadOnlyList<TrustedDocument> Documents { get; }

    /// <summary>The documents in Apollo's persisted-query manifest format (<c>generatePersistedQueryIdsFromManifest</c>).</summary>
    public object Manifest => new
    {
        format = "apollo-persisted-query-manifest",
        version = 1,
        operations = Documents.Select(document => new { id = document.Id, name = document.Name, type = document.Type, body = document.Body }),
    };

    public static TrustedDocuments FromDirectory(string path) => new(Load(path));

    public TrustedDocument? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Lowercase hex SHA-256 of <paramref name="document"/>'s UTF-8 bytes: the hash persisted-query clients send.</summary>
    public static string Hash(string document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    private static List<TrustedDocument> Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return [];
        }

        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"GraphQL:PersistedDocuments:TrustedDocumentsPath: no folder at '{path}'.");
        }

        var documents = new List<TrustedDocument>();
        foreach (var file in Directory.EnumerateFiles(path, "*.graphql").Order(StringComparer.Ordinal))
        {
            var parsed = Parser.Parse(File.ReadAllText(file));
            var fragments = parsed.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
            foreach (var operation in parsed.Definitions.OfType<GraphQLOperationDefinition>())
            {
                var name = operation.Name?.StringValue
                    ?? throw new InvalidOperationException($"{file}: every trusted operation needs a name.");
                var used = UsedFragments(operation, fragments);
                var document = new GraphQLDocument([operation, .. parsed.Definitions.OfType<GraphQLFragmentDefinition>().Where(used.Contains)]);
                AddTypename(operation.SelectionSet, isRoot: true);
                foreach (var fragment in used)
                {
                    AddTypename(fragment.SelectionSet, isRoot: false);
                }

                var body = new SDLPrinter().Print(document);
                documents.Add(new TrustedDocument(Hash(body), name, operation.Operation.ToString().ToLowerInvariant(), body));
            }
        }

        return [.. documents.OrderBy(document => document.Name, StringComparer.Ordinal)];
    }

    private static HashSet<GraphQLFragmentDefinition> UsedFragments(ASTNode root, Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        var used = new HashSet<GraphQLFragmentDefinition>();
        var pending = new Stack<ASTNode>([root]);
        while (pending.TryPop(out var node))
        {
            foreach (var selection in SelectionSetOf(node)?.Selections ?? [])
            {
                if (selection is GraphQLFragmentSpread spread && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment))
                {
                    if (used.Add(fragment))
                    {
                        pending.Push(fragment);
                    }
                }
                else
                {
                    pending.Push(selection);
                }
            }
        }

        return used;
    }

    private static void AddTypename(GraphQLSelectionSet selectionSet, bool isRoot)
    {
        if (!isRoot && !selectionSet.Selections.Any(s => s is GraphQLField { Alias: null } field && field.Name.StringValue == "__typename"))
        {
            selectionSet.Selections.Add(new GraphQLField(new GraphQLName("__typename")));
        }

        foreach (var selection in selectionSet.Selections)
        {
            if (SelectionSetOf(selection) is { } inner)
            {
                AddTypename(inner, isRoot: false);
            }
        }
    }

    private static GraphQLSelectionSet? SelectionSetOf(ASTNode node) => node switch
    {
        GraphQLOperationDefinition operation => operation.SelectionSet,
        GraphQLFragmentDefinition fragment => fragment.SelectionSet,
        GraphQLInlineFragment inline => inline.SelectionSet,
        GraphQLField field => field.SelectionSet,
        _ => null,
    };
}
