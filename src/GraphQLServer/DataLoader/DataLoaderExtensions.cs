using GraphQL;

namespace GraphQLServer.DataLoader;

public static class DataLoaderExtensions
{
    /// <summary>Registers the per-request <see cref="DataLoaderContext"/>.</summary>
    public static IServiceCollection AddDataLoaders(this IServiceCollection services)
    {
        services.AddScoped<DataLoaderContext>();
        return services;
    }

    /// <summary>The request's instance of <typeparamref name="TLoader"/>.</summary>
    public static TLoader DataLoader<TLoader>(this IResolveFieldContext context)
        where TLoader : class =>
        context.DataLoaders().GetLoader<TLoader>();

    /// <summary>
    /// The request's <see cref="DataLoaderContext"/>. Resolvers ask for it once per field and item, in parallel, so it
    /// comes from the execution's user context (<see cref="Remember"/>) rather than from the DI scope, whose scoped
    /// services sit behind a lock; a resolver running in another scope (a subscription event, a retried query) gets
    /// that scope's own.
    /// </summary>
    public static DataLoaderContext DataLoaders(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices
            ?? throw new InvalidOperationException("DataLoaders need ExecutionOptions.RequestServices (the request's service scope).");
        return context.UserContext.TryGetValue(RequestLoadersKey, out var value) && value is RequestLoaders remembered && ReferenceEquals(remembered.Services, services)
            ? remembered.Loaders
            : services.GetRequiredService<DataLoaderContext>();
    }

    /// <summary>Keeps the DataLoaders of <paramref name="services"/> (a request's scope) in an execution's user context.</summary>
    public static void Remember(IDictionary<string, object?> userContext, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(userContext);
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<DataLoaderContext>() is { } loaders)
        {
            userContext[RequestLoadersKey] = new RequestLoaders(services, loaders);
        }
    }

    /// <summary>Drops what <see cref="Remember"/> kept (a subscription, once its stream exists: its events use their own scopes).</summary>
    public static void Forget(IDictionary<string, object?> userContext)
    {
        ArgumentNullException.ThrowIfNull(userContext);
        userContext.Remove(RequestLoadersKey);
    }

    private const string RequestLoadersKey = "GraphQLServer.DataLoader.RequestLoaders";

    private sealed record RequestLoaders(IServiceProvider Services, DataLoaderContext Loaders);
}
