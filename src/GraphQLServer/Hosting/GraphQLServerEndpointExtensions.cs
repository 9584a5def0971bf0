using GraphQL.Types;
using GraphQLServer.BananaCakePop;
using GraphQLServer.Http;
using GraphQLServer.Limits;
using GraphQLServer.PersistedDocuments;
using GraphQLServer.WebSockets;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Hosting;

public static class GraphQLServerEndpointExtensions
{
    /// <summary>
    /// Serves the schema registered with <see cref="GraphQLServerServiceCollectionExtensions.AddGraphQLServer{TSchema}"/>
    /// at <paramref name="path"/>: the IDE for browsers, admission against the caller limits, both WebSocket
    /// subprotocols, and GraphQL over HTTP with SSE (POST, GET, <c>?sdl</c>). Call it after authentication and
    /// authorization: the limits and transports read the request's user.
    /// </summary>
    public static WebApplication MapGraphQLServer(this WebApplication app, PathString path, Action<GraphQLServerEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var schema = app.Services.GetService<GraphQLServerSchema>()
            ?? throw new InvalidOperationException("Register the GraphQL server with services.AddGraphQLServer<TSchema>() before mapping it.");
        var options = new GraphQLServerEndpointOptions();
        configure?.Invoke(options);
        schema.Map(app, path, options);
        return app;
    }

    internal static void Map<TSchema>(WebApplication app, PathString path, GraphQLServerEndpointOptions options)
        where TSchema : ISchema
    {
        // Reads and hashes the trusted documents now, so a broken file stops the start instead of the first request.
        _ = app.Services.GetRequiredService<TrustedDocuments>();
        app.UseBananaCakePop(path, options.Ide);
        app.UseCallerLimits(path);
        app.UseGraphQLWebSockets<TSchema>(path, app.Services.GetRequiredService<IOptions<GraphQLWebSocketOptions>>().Value);
        app.MapGraphQLHttp<TSchema>(path.Value!, options.Http);
    }
}
