using System.ComponentModel.DataAnnotations;
using GraphQL.Types;
using GraphQLServer.Diagnostics;
using GraphQLServer.Shutdown;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GraphQLServer.WebSockets;

public static class GraphQLWebSocketExtensions
{
    /// <summary>Services of the GraphQL WebSocket transports (their metrics, and the registry that closes them on shutdown).</summary>
    public static IServiceCollection AddGraphQLWebSockets(this IServiceCollection services)
    {
        GraphQLServerMeter.AddTo(services);
        services.TryAddSingleton<LiveConnectionRegistry>();
        return services;
    }

    /// <summary>
    /// Serves GraphQL over WebSocket at <paramref name="path"/> for <typeparamref name="TSchema"/>. Place it before
    /// the endpoints: the HTTP transport maps GET on the same path.
    /// </summary>
    public static IApplicationBuilder UseGraphQLWebSockets<TSchema>(
        this IApplicationBuilder app, PathString path, Action<GraphQLWebSocketOptions>? configure = null)
        where TSchema : ISchema
    {
        var options = new GraphQLWebSocketOptions();
        configure?.Invoke(options);
        return app.UseGraphQLWebSockets<TSchema>(path, options);
    }

    internal static IApplicationBuilder UseGraphQLWebSockets<TSchema>(this IApplicationBuilder app, PathString path, GraphQLWebSocketOptions options)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(app);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return app
            .UseWebSockets()
            .UseMiddleware<GraphQLWebSocketMiddleware<TSchema>>(path, options);
    }
}
