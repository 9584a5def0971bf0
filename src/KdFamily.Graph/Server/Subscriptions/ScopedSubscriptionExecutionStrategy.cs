using GraphQL;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace KdFamily.Graph.Server.Subscriptions;

/// <summary>
/// Executes each subscription event in a fresh DI scope: a subscription outlives the request that started it (and
/// its scoped services), so every event gets its own DataLoaders and DbContexts, disposed after the event's result is
/// built. The request's <see cref="ExecutionOptions.RequestServices"/> (read by unhandled-exception handlers) points
/// at the event's scope meanwhile; one subscription's events are processed one at a time, so this is not shared.
/// </summary>
public sealed class ScopedSubscriptionExecutionStrategy(IServiceScopeFactory scopes) : SubscriptionExecutionStrategy(new ParallelExecutionStrategy())
{
    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        context.ExecutionOptions.RequestServices = scope.ServiceProvider;
        return await base.ProcessDataAsync(context, node, value);
    }

    /// <summary>An <see cref="ExecutionError"/> ending the stream is reported as is (its code and message are meant for clients).</summary>
    protected override async Task<ExecutionError> ProcessErrorAsync(ExecutionContext context, ExecutionNode node, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(node);
        if (exception is ExecutionError error)
        {
            error.Path = node.ResponsePath;
            error.AddLocation(node.Field, context.Document);
            return error;
        }

        await using var scope = scopes.CreateAsyncScope();
        context.ExecutionOptions.RequestServices = scope.ServiceProvider;
        return await base.ProcessErrorAsync(context, node, exception);
    }
}
