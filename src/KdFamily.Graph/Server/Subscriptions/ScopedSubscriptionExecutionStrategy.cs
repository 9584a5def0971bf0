using GraphQL.Execution;

namespace KdFamily.Graph.Server.Subscriptions;

/// <summary>
/// Executes each subscription event in a fresh DI scope: a subscription outlives the request that started it (and
/// its scoped services), so every event gets its own DataLoaders and DbContexts, disposed after the event's result is built.
/// </summary>
public sealed class ScopedSubscriptionExecutionStrategy(IServiceScopeFactory scopes) : SubscriptionExecutionStrategy(new ParallelExecutionStrategy())
{
    protected override async ValueTask<GraphQL.ExecutionResult> ProcessDataAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node, object? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        return await base.ProcessDataAsync(context, node, value);
    }
}
