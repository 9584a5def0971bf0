using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Limits;

/// <summary>
/// First step of every execution on every transport: counts the document's tokens, parses it with a bounded depth
/// and checks its shape (<see cref="DocumentShape"/>) before GraphQL.NET's validation rules, which are not all
/// linear, see it. A refused document answers <c>DOCUMENT_TOO_LARGE</c> and never reaches validation.
/// </summary>
public sealed class DocumentGuard(IOptions<GraphQLLimits> limits) : IConfigureExecution
{
    private readonly GraphQLLimits _limits = limits.Value;

    public float SortOrder => 0;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
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

        return options.Document is { } document && DocumentShape.CheckStructure(document, _limits) is { } problem
            ? Refuse(problem)
            : next(options);
    }

    private static Task<ExecutionResult> Refuse(string message) =>
        Task.FromResult(new ExecutionResult(new DocumentTooLargeError(message)));
}
