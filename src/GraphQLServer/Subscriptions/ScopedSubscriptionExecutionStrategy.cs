using GraphQL;
using GraphQL.Execution;
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
    /// Once the streams exist the document has long been validated: the subscription does not keep the validation
    /// rules its options were given for that (its options live as long as it does).
    /// </summary>
    public override async Task<ExecutionResult> ExecuteAsync(ExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await base.ExecuteAsync(context);
        context.ExecutionOptions.ValidationRules = null;
        context.ExecutionOptions.CachedDocumentValidationRules = null;
        return result;
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

        // The options are the subscription's own (shared by every event's copy of the context): they point at this
        // event's scope only while it runs, so an idle subscription does not keep the last event's scope alive.
        var subscriptionServices = context.ExecutionOptions.RequestServices;
        context.RequestServices = scope.ServiceProvider;
        context.ExecutionOptions.RequestServices = scope.ServiceProvider;
        try
        {
            return await base.ProcessDataAsync(context, node, value is SharedEventValue { Value: var loaded } ? loaded : value);
        }
        finally
        {
            context.ExecutionOptions.RequestServices = subscriptionServices;
        }
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
        var subscriptionServices = context.ExecutionOptions.RequestServices;
        context.ExecutionOptions.RequestServices = scope.ServiceProvider;
        try
        {
            return await base.ProcessErrorAsync(context, node, exception);
        }
        finally
        {
            context.ExecutionOptions.RequestServices = subscriptionServices;
        }
    }
}
