using System.ComponentModel.DataAnnotations;

namespace GraphQLServer.Limits;

/// <summary>
/// How much work one GraphQL document may ask for. Everything here is checked before any resolver runs, except the
/// response size, which is checked while the result is written. The defaults let every committed operation and a
/// full IDE introspection query through with room to spare.
/// </summary>
public sealed class GraphQLLimits
{
    /// <summary>Lexical tokens in the document (punctuators, names, values). The parser never sees more.</summary>
    [Range(100, 1_000_000)]
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>AST nesting the parser accepts (selection sets, list and object values), so parsing never recurses deeply.</summary>
    [Range(16, 512)]
    public int MaxParserDepth { get; set; } = 64;

    /// <summary>Fragment definitions in the document.</summary>
    [Range(1, 10_000)]
    public int MaxFragments { get; set; } = 200;

    /// <summary>Fragment spreads written in the document.</summary>
    [Range(1, 100_000)]
    public int MaxFragmentSpreads { get; set; } = 1_000;

    /// <summary>How deeply fragments may spread fragments that spread fragments.</summary>
    [Range(1, 256)]
    public int MaxFragmentNesting { get; set; } = 24;

    /// <summary>
    /// Field selections after every fragment spread is expanded in place (counted without expanding them), for each
    /// operation and each fragment; also the most fields a document may write.
    /// </summary>
    [Range(100, 1_000_000)]
    public int MaxExpandedFields { get; set; } = 2_000;

    /// <summary>
    /// Pairs of fields sharing a response name in one merged selection set, which validation compares pairwise
    /// (<c>{ x: a x: b x: a … }</c> is quadratic): a Relay app's many fragments selecting <c>id</c> stay far below it.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxComparedFieldPairs { get; set; } = 5_000;

    /// <summary>Directives on one field, fragment, operation or variable.</summary>
    [Range(1, 100)]
    public int MaxDirectivesPerLocation { get; set; } = 4;

    /// <summary>Nesting of fields in the operation, through fragments.</summary>
    [Range(1, 100)]
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// The operation's cost: every field counts 1, multiplied by how many items each list above it can really
    /// return (<see cref="ListSizeExtensions"/>); introspection counts <see cref="IntrospectionWeight"/>.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxCost { get; set; } = 10_000;

    /// <summary>Weight of introspection fields: they read the in-memory schema, never the database.</summary>
    public const double IntrospectionWeight = 0.001;

    /// <summary>Items a list inside introspection is assumed to hold.</summary>
    public const double IntrospectionListSize = 5;

    /// <summary>Largest serialized response (one HTTP body, one WebSocket or SSE message); bigger ones are replaced by an error.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
}
