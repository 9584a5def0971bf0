using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQLServer.Execution;
using GraphQLParser;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Limits;

/// <summary>
/// First step of every execution on every transport: counts the document's tokens, parses it with a bounded depth
/// and checks its shape (<see cref="DocumentShape"/>) before GraphQL.NET's validation rules, which are not all
/// linear, see it. A refused document answers <c>DOCUMENT_TOO_LARGE</c> and never reaches validation.
/// A document that passed the checks and validation before comes from the <see cref="ValidatedDocumentCache"/>
/// instead, and only the rules registered by the host and the transport (authorization, input values, cost, which
/// depend on the caller or the variables) run on it again.
/// </summary>
public sealed class DocumentGuard(IOptions<GraphQLLimits> limits, ValidatedDocumentCache cache) : IConfigureExecution
{
    private readonly GraphQLLimits _limits = limits.Value;

    public float SortOrder => 0;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        if (options.Document is null && options.Query is { } cachedQuery && cache.TryGet(cachedQuery, out var cached))
        {
            options.Document = cached.Document;
            options.Query = cached.Text;

            // Only GraphQL.NET's core rules, which depend on nothing but the document and the schema, are skipped: the
            // transport's rule is kept, and every rule the host registered is appended after this step (GraphQL.NET's
            // validation-rule configuration runs later in the pipeline).
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return next(options);
        }

        if (options.Document is null && options.Query is { } query)
        {
            if (DocumentShape.CheckTokens(query, _limits) is { } tooManyTokens)
            {
                return Refuse(tooManyTokens);
            }

            try
            {
                options.Document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = _limits.MaxParserDepth });
            }
            catch (GraphQLSyntaxErrorException ex)
            {
                return Task.FromResult(new ExecutionResult(new SyntaxError(ex)));
            }
            catch (GraphQLMaxDepthExceededException)
            {
                return Refuse($"The document nests selections, lists or objects more than {_limits.MaxParserDepth} levels deep, the most allowed.");
            }
        }

        if (options.Document is { } document && DocumentShape.CheckStructure(document, _limits) is { } problem)
        {
            return Refuse(problem);
        }

        return options.Query is { } text && options.Document is { } parsed ? ExecuteAndCacheAsync(options, next, text, parsed) : next(options);
    }

    private async Task<ExecutionResult> ExecuteAndCacheAsync(ExecutionOptions options, ExecutionDelegate next, string query, GraphQLParser.AST.GraphQLDocument document)
    {
        var result = await next(options);
        if (result.Executed)
        {
            cache.Add(query, document);
        }

        return result;
    }

    private static Task<ExecutionResult> Refuse(string message) =>
        Task.FromResult(new ExecutionResult(new DocumentTooLargeError(message)));
}
