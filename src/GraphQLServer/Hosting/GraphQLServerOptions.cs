using GraphQL.DI;
using GraphQLServer.BananaCakePop;
using GraphQLServer.Http;
using GraphQLServer.PersistedDocuments;
using GraphQLServer.WebSockets;

namespace GraphQLServer.Hosting;

/// <summary>
/// What <see cref="GraphQLServerServiceCollectionExtensions.AddGraphQLServer{TSchema}"/> needs from the host. The
/// transports' limits are bound from configuration (<c>GraphQL</c>, <c>GraphQL:Limits</c>, <c>GraphQL:WebSockets</c>,
/// <c>GraphQL:PersistedDocuments</c>, <c>Limits</c>); the defaults set here apply where configuration is silent.
/// </summary>
public sealed class GraphQLServerOptions
{
    /// <summary>Redis for the topic bus and the shared limit store; without it both live in this instance's memory.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The name the Redis connection introduces itself with (<c>CLIENT LIST</c>).</summary>
    public string RedisClientName { get; set; } = "graphql-server";

    /// <summary>Prefix of the limit store's keys, unless <c>Limits:KeyPrefix</c> is configured.</summary>
    public string LimitKeyPrefix { get; set; } = "graphql:limits:";

    /// <summary>
    /// Defaults of persisted documents (e.g. the trusted documents' folder, the Redis key prefix), before
    /// <c>GraphQL:PersistedDocuments</c> is bound over them.
    /// </summary>
    public Action<PersistedDocumentsOptions>? PersistedDocumentDefaults { get; set; }

    /// <summary>Defaults of the WebSocket transports, before <c>GraphQL:WebSockets</c> is bound over them.</summary>
    public Action<GraphQLWebSocketOptions>? WebSocketDefaults { get; set; }

    /// <summary>
    /// The host's additions to the GraphQL.NET builder (its graph types, validation rules, error mappings). They run
    /// after the server's defaults and before the cost budget, which wraps every execution.
    /// </summary>
    public Action<IGraphQLBuilder>? Graph { get; set; }
}

/// <summary>Settings of the endpoints <see cref="GraphQLServerEndpointExtensions.MapGraphQLServer"/> serves.</summary>
public sealed class GraphQLServerEndpointOptions
{
    /// <summary>The GraphQL-over-HTTP transport, and graphql-sse within it.</summary>
    public GraphQLHttpOptions Http { get; } = new();

    /// <summary>The Banana Cake Pop IDE served to browsers at the path.</summary>
    public BananaCakePopOptions Ide { get; } = new();
}
