using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace GraphQLServer.Limits;

/// <summary>
/// <c>@defer</c> and <c>@stream</c> (incremental delivery) are not supported: a document using either gets one typed
/// error, <c>DEFER_NOT_SUPPORTED</c> or <c>STREAM_NOT_SUPPORTED</c>, instead of validation's "unknown directive", so a
/// client can tell it must ask without them. Runs after <see cref="DocumentGuard"/> has parsed and bounded the document.
/// </summary>
public sealed class IncrementalDeliveryGuard : IConfigureExecution
{
    public float SortOrder => 1;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        var used = options.Document is { } document ? FindIncrementalDirective(document) : null;
        return used switch
        {
            "defer" => Refuse("DEFER_NOT_SUPPORTED", "@defer is not supported: ask for the fields without it."),
            "stream" => Refuse("STREAM_NOT_SUPPORTED", "@stream is not supported: ask for the list without it."),
            _ => next(options),
        };
    }

    private static string? FindIncrementalDirective(GraphQLDocument document)
    {
        var pending = new Stack<ASTNode>(document.Definitions);
        while (pending.TryPop(out var node))
        {
            var (directives, selectionSet) = node switch
            {
                GraphQLOperationDefinition operation => (operation.Directives, operation.SelectionSet),
                GraphQLFragmentDefinition fragment => (fragment.Directives, fragment.SelectionSet),
                GraphQLInlineFragment inline => (inline.Directives, inline.SelectionSet),
                GraphQLFragmentSpread spread => (spread.Directives, null),
                GraphQLField field => (field.Directives, field.SelectionSet),
                _ => ((GraphQLDirectives?)null, (GraphQLSelectionSet?)null),
            };
            foreach (var directive in directives?.Items ?? [])
            {
                if (directive.Name.StringValue is "defer" or "stream")
                {
                    return directive.Name.StringValue;
                }
            }

            foreach (var selection in selectionSet?.Selections ?? [])
            {
                pending.Push(selection);
            }
        }

        return null;
    }

    private static Task<ExecutionResult> Refuse(string code, string message) =>
        Task.FromResult(new ExecutionResult(new ExecutionError(message) { Code = code }));
}
