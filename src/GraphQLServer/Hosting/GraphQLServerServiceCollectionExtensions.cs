using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLServer.DataLoader;
using GraphQLServer.Http;
using GraphQLServer.Limits;
using GraphQLServer.PersistedDocuments;
using GraphQLServer.PubSub;
using GraphQLServer.Subscriptions;
using GraphQLServer.WebSockets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GraphQLServer.Hosting;

public static class GraphQLServerServiceCollectionExtensions
{
    /// <summary>
    /// Everything the server needs to serve <typeparamref name="TSchema"/> over HTTP, SSE and WebSocket: execution
    /// (<see cref="GraphQLServerBuilderExtensions.AddServerDefaults"/>, the cost budget, scoped subscription events),
    /// DataLoaders, the topic bus, the caller limits and their store, and the transports' options, bound from
    /// configuration and validated at start. Serve it with <see cref="GraphQLServerEndpointExtensions.MapGraphQLServer"/>.
    /// </summary>
    public static IServiceCollection AddGraphQLServer<TSchema>(this IServiceCollection services, Action<GraphQLServerOptions>? configure = null)
        where TSchema : class, ISchema
    {
        ArgumentNullException.ThrowIfNull(services);
        var server = new GraphQLServerOptions();
        configure?.Invoke(server);

        services.AddDataLoaders();
        services.AddHttpContextAccessor();
        services.AddGraphQLWebSockets();
        services.AddTopicBus(server.RedisConnectionString, server.RedisClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SharedEventLoads>();
        AddLimits(services, server);
        services.AddSingleton(new GraphQLServerSchema(
            typeof(TSchema), GraphQLServerEndpointExtensions.Map<TSchema>, GraphQLServerEndpointExtensions.UseWebSockets<TSchema>));
        services.AddGraphQL(graph =>
        {
            graph.AddSchema<TSchema>().AddSystemTextJson().AddServerDefaults();
            server.Graph?.Invoke(graph);
            graph.AddCostBudget().AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(OperationType.Subscription);
        });
        return services;
    }

    private static void AddLimits(IServiceCollection services, GraphQLServerOptions server)
    {
        services.AddOptions<GraphQLLimits>().BindConfiguration("GraphQL").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitStoreOptions>()
            .Configure(options => options.KeyPrefix = server.LimitKeyPrefix)
            .BindConfiguration(LimitStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CallerLimitsOptions>().BindConfiguration(CallerLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GraphQLWebSocketOptions>()
            .Configure(options => server.WebSocketDefaults?.Invoke(options))
            .BindConfiguration("GraphQL:WebSockets")
            .ValidateDataAnnotations()
            .Validate(options => options.ConnectionInitTimeout > TimeSpan.Zero, "GraphQL:WebSockets:ConnectionInitTimeout must be positive.")
            .Validate(options => options.PongTimeout is null || options.PongTimeout > TimeSpan.Zero, "GraphQL:WebSockets:PongTimeout must be positive (or empty for never).")
            .Validate(options => options.OutgoingQueueMaxBytes >= 1024, "GraphQL:WebSockets:OutgoingQueueMaxBytes must be at least 1024 (bytes).")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(server.RedisConnectionString))
        {
            services.AddSingleton<ILimitStore, InMemoryLimitStore>();
        }
        else
        {
            // Uses the process's one Redis connection, registered with the topic bus.
            services.AddSingleton<ILimitStore, RedisLimitStore>();
        }

        services.AddSingleton<CallerLimits>();
        AddPersistedDocuments(services, server);
        services.AddScoped<DocumentCost>();
    }

    private static void AddPersistedDocuments(IServiceCollection services, GraphQLServerOptions server)
    {
        services.AddOptions<PersistedDocumentsOptions>()
            .Configure(options => server.PersistedDocumentDefaults?.Invoke(options))
            .BindConfiguration(PersistedDocumentsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(
                options => options.Mode != PersistedDocumentsMode.TrustedOnly || Directory.Exists(options.TrustedDocumentsPath),
                "GraphQL:PersistedDocuments:Mode TrustedOnly needs GraphQL:PersistedDocuments:TrustedDocumentsPath, an existing folder of *.graphql files.")
            .Validate(
                options => string.IsNullOrWhiteSpace(options.TrustedDocumentsPath) || Directory.Exists(options.TrustedDocumentsPath),
                "GraphQL:PersistedDocuments:TrustedDocumentsPath is not an existing folder.")
            .ValidateOnStart();
        services.AddSingleton<TrustedDocuments>();
        if (string.IsNullOrWhiteSpace(server.RedisConnectionString))
        {
            services.AddSingleton<IPersistedDocumentStore, InMemoryPersistedDocumentStore>();
        }
        else
        {
            services.AddSingleton<IPersistedDocumentStore, RedisPersistedDocumentStore>();
        }
    }
}

/// <summary>The schema <see cref="GraphQLServerServiceCollectionExtensions.AddGraphQLServer{TSchema}"/> registered, and how to map its transports.</summary>
internal sealed record GraphQLServerSchema(
    Type SchemaType,
    Action<WebApplication, PathString, GraphQLServerEndpointOptions> Map,
    Action<WebApplication, PathString> UseWebSockets);
