using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using GraphQLServer.Authorization;
using GraphQLServer.DataLoader;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace GraphQLServer.Subscriptions;

/// <summary>
/// Executes each subscription event in a fresh DI scope: a subscription outlives the request that started it (and
/// its scoped services), so every event gets its own DataLoaders and DbContexts, disposed after the event's result is
/// built. The request's <see cref="ExecutionOptions.RequestServices"/> (read by unhandled-exception handlers) points
/// at the event's scope meanwhile; one subscription's events are processed one at a time, so this is not shared.
/// <para>
/// Each event also re-reads the subscriber's authority (<see cref="ICredentialLifetime"/>, when registered): the
/// event is resolved as the user stands now (a demoted member no longer sees what their old role showed), and an
/// event for a subscriber whose session ended becomes an <see cref="AuthorityRevokedResult"/>, which the transports
/// answer by closing the socket or ending the stream.
/// </para>
/// <para>
/// An event whose value comes as a <see cref="SharedEventValue"/> was loaded through loaders shared by all its
/// subscribers in this process (<see cref="SharedEventLoads"/>): the subscriber's selection is resolved with those
/// loaders too, so relations are loaded once per event, not once per subscriber. Everything else in the scope (and
/// every check of the caller) stays the subscriber's own.
/// </para>
/// </summary>
public sealed class ScopedSubscriptionExecutionStrategy(IServiceScopeFactory scopes) : SubscriptionExecutionStrategy(new ParallelExecutionStrategy())
{
    /// <summary>
    /// A subscription's options live as long as it does, so once its streams exist they keep only what events read: not
    /// the validation rules (the document has long been validated), and not the subscribing request's services and
    /// loaders (every event runs in a scope of its own, so the transport may end that request's scope at once: the
    /// WebSocket transport does). A stream resolver must therefore take what it needs from its context's services while
    /// it runs, never keep the context to resolve services later.
    /// </summary>
    public override async Task<ExecutionResult> ExecuteAsync(ExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await base.ExecuteAsync(context);
        context.ExecutionOptions.ValidationRules = null;
        context.ExecutionOptions.CachedDocumentValidationRules = null;
        if (result.Streams is { Count: > 0 })
        {
            context.ExecutionOptions.RequestServices = null;
            DataLoaderExtensions.Forget(context.UserContext);
        }

        return result;
    }

    /// <summary>
    /// GraphQL.NET clones the context once when the stream is resolved (the copy every event starts from, kept as long
    /// as the subscription) and again for each event. The copies hold no services (each event sets its own scope), and
    /// the arguments of the document's fields move from validation's concurrent table, sized for many writers, to a
    /// plain read-only one.
    /// </summary>
    protected override ExecutionContext CloneExecutionContext(ExecutionContext context, CancellationToken token)
    {
        var clone = base.CloneExecutionContext(context, token);
        clone.RequestServices = null;
        if (clone.ArgumentValues is ConcurrentDictionary<GraphQLField, IDictionary<string, ArgumentValue>> concurrent)
        {
            clone.ArgumentValues = new Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>(concurrent);
        }

        return clone;
    }

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        if (context.User is { } user && scope.ServiceProvider.GetService<ICredentialLifetime>() is { } credentials)
        {
            var check = await credentials.CheckAsync(user, context.CancellationToken);
            if (!check.IsValid)
            {
                return new AuthorityRevokedResult();
            }

            // The context is this event's copy (GraphQL.NET clones it per event), so the subscription keeps the original.
            context.User = check.Principal;
        }

        using var shared = (value as SharedEventValue)?.Event.TryEnter();
        if (shared is not null)
        {
            scope.ServiceProvider.GetRequiredService<DataLoaderContext>().UseLoadersOf(shared.Loaders);
        }

        var source = value is SharedEventValue { Value: var loaded } ? loaded : value;
        return await InScopeAsync(context, scope.ServiceProvider, () => base.ProcessDataAsync(context, node, source).AsTask());
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
        return await InScopeAsync(context, scope.ServiceProvider, () => base.ProcessErrorAsync(context, node, exception));
    }

    /// <summary>
    /// Runs <paramref name="run"/> with the event's context and the subscription's options pointing at the event's
    /// scope. The options are shared by every event's copy of the context: they point at it only while it runs, so an
    /// idle subscription keeps no event's scope alive.
    /// </summary>
    private static async Task<T> InScopeAsync<T>(ExecutionContext context, IServiceProvider services, Func<Task<T>> run)
    {
        var subscriptionServices = context.ExecutionOptions.RequestServices;
        context.RequestServices = services;
        context.ExecutionOptions.RequestServices = services;
        try
        {
            return await run();
        }
        finally
        {
            context.ExecutionOptions.RequestServices = subscriptionServices;
        }
    }
}
