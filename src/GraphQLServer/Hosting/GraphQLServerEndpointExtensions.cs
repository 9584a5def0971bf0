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
    /// authorization: the limits and transports read the request's user. The WebSockets are served where
    /// <see cref="UseGraphQLServerWebSockets"/> put them, when it was called for the same path.
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

    /// <summary>
    /// Serves the WebSocket transports of the registered schema at <paramref name="path"/> from this point of the
    /// pipeline, instead of where <see cref="MapGraphQLServer"/> is called. An open socket keeps every middleware in
    /// front of it suspended for as long as it lives, with what each holds for its request: call this early (after
    /// forwarded headers and the exception handler), ahead of HTTP metrics, authentication and authorization, so that
    /// an idle subscriber costs less memory. The upgrade request is then authenticated by the socket's own middleware
    /// with the default authentication scheme (as the authentication middleware would), and every operation on the
    /// socket is still authorized per operation.
    /// </summary>
    public static WebApplication UseGraphQLServerWebSockets(this WebApplication app, PathString path)
    {
        ArgumentNullException.ThrowIfNull(app);
        var schema = app.Services.GetService<GraphQLServerSchema>()
            ?? throw new InvalidOperationException("Register the GraphQL server with services.AddGraphQLServer<TSchema>() before serving its WebSockets.");
        schema.UseWebSockets(app, path);
        return app;
    }

    internal static void UseWebSockets<TSchema>(WebApplication app, PathString path)
        where TSchema : ISchema
    {
        app.UseGraphQLWebSockets<TSchema>(path, app.Services.GetRequiredService<IOptions<GraphQLWebSocketOptions>>().Value);
        ((IApplicationBuilder)app).Properties[WebSocketsPathKey(path)] = true;
    }

    private static string WebSocketsPathKey(PathString path) => "GraphQLServer.WebSockets:" + path.Value?.ToUpperInvariant();

    internal static void Map<TSchema>(WebApplication app, PathString path, GraphQLServerEndpointOptions options)
        where TSchema : ISchema
    {
        // Reads and hashes the trusted documents now, so a broken file stops the start instead of the first request.
        _ = app.Services.GetRequiredService<TrustedDocuments>();
        app.UseBananaCakePop(path, options.Ide);
        app.UseCallerLimits(path);
        if (!((IApplicationBuilder)app).Properties.ContainsKey(WebSocketsPathKey(path)))
        {
            UseWebSockets<TSchema>(app, path);
        }

        app.MapGraphQLHttp<TSchema>(path.Value!, options.Http);
    }
}
