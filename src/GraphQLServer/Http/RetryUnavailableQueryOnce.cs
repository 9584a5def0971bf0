using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace GraphQLServer.Http;

/// <summary>
/// A query that failed only because its store was briefly unavailable (<see cref="ServiceUnavailableError"/>, e.g. a
/// pooled connection a database restart broke) runs once more, in a fresh DI scope so no failed load is reused.
/// Queries only: a mutation may have done part of its work. Runs inside <c>DocumentGuard</c>, on the parsed document.
/// </summary>
public sealed class RetryUnavailableQueryOnce : IConfigureExecution
{
    public float SortOrder => 10;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(options);
        if (result.Errors?.Any(e => e is ServiceUnavailableError) != true || !IsQuery(options) || options.RequestServices is not { } services)
        {
            return result;
        }

        await using var scope = services.CreateAsyncScope();
        options.RequestServices = scope.ServiceProvider;
        try
        {
            return await next(options);
        }
        finally
        {
            options.RequestServices = services;
        }
    }

    private static bool IsQuery(ExecutionOptions options)
    {
        var operations = options.Document?.Definitions.OfType<GraphQLOperationDefinition>().ToList() ?? [];
        var operation = options.OperationName is { Length: > 0 } name
            ? operations.Find(o => o.Name?.StringValue == name)
            : operations.Count == 1 ? operations[0] : null;
        return operation?.Operation == OperationType.Query;
    }
}
