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
        where TLoader : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices
            ?? throw new InvalidOperationException("DataLoaders need ExecutionOptions.RequestServices (the request's service scope).");
        return services.GetRequiredService<DataLoaderContext>().GetLoader<TLoader>();
    }
}
