using System.Diagnostics;
using System.Globalization;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using GraphQLServer.Limits;

namespace GraphQLServer.Diagnostics;

/// <summary>
/// The outermost step of every execution on every transport: one span per operation
/// (<see cref="GraphQLServerActivitySource"/>; only when someone listens) named <c>{type} {name}</c> with the operation's
/// name, type and cost, and error status when the response has errors; and the operation's count and duration
/// (<see cref="GraphQLOperationMetrics"/>). The span is current while the operation runs, so the database and Redis
/// spans of its resolvers and the log lines they write belong to it.
/// </summary>
public sealed class OperationTelemetry(GraphQLOperationMetrics? metrics = null) : IConfigureExecution
{
    private const string UnnamedSpan = "GraphQL Operation";

    public float SortOrder => -1000;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        // Read before the operation runs: a subscription lets go of its options' services once its stream exists.
        var services = options.RequestServices;
        using var activity = GraphQLServerActivitySource.Source.StartActivity(UnnamedSpan, ActivityKind.Internal);
        ExecutionResult result;
        try
        {
            result = await next(options);
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }

        var operation = result.Operation ?? OperationOf(options.Document, options.OperationName);
        var name = operation?.Name?.StringValue;
        var type = TypeOf(operation);
        var outcome = !result.Executed ? GraphQLOperationMetrics.Rejected
            : result.Errors is { Count: > 0 } ? GraphQLOperationMetrics.Error
            : GraphQLOperationMetrics.Success;
        metrics?.OperationEnded(name, type, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (activity is not null)
        {
            Describe(activity, services, result, operation is not null, name, type);
        }

        return result;
    }

    private static void Describe(Activity activity, IServiceProvider? services, ExecutionResult result, bool known, string? name, string type)
    {
        if (known)
        {
            activity.DisplayName = name is null ? type : $"{type} {name}";
            activity.SetTag(GraphQLServerActivitySource.OperationTypeAttribute, type);
        }

        if (name is not null)
        {
            activity.SetTag(GraphQLServerActivitySource.OperationNameAttribute, name);
        }

        if (services?.GetService<DocumentCost>()?.Measured is { } cost)
        {
            activity.SetTag(GraphQLServerActivitySource.OperationCostAttribute, (int)Math.Ceiling(cost));
        }

        if (result.Errors is { Count: > 0 } errors)
        {
            var code = errors[0].Code ?? "GRAPHQL_ERROR";
            activity.SetTag(GraphQLServerActivitySource.ErrorTypeAttribute, code);
            activity.SetStatus(ActivityStatusCode.Error, string.Create(CultureInfo.InvariantCulture, $"{errors.Count} error(s), first: {code}"));
        }
    }

    /// <summary>The operation a document that parsed but did not run (it failed validation) names, if it names one.</summary>
    private static GraphQLOperationDefinition? OperationOf(GraphQLDocument? document, string? operationName)
    {
        var operations = document?.Definitions.OfType<GraphQLOperationDefinition>().ToList() ?? [];
        return operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.Find(operation => operation.Name?.StringValue == operationName);
    }

    private static string TypeOf(GraphQLOperationDefinition? operation) => operation?.Operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "unknown",
    };
}
