using GraphQLServer.Limits;
using GraphQLServer.WebSockets;
using KdFamily.Graph.SchemaRoot;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Extensions;

public static class LimitsServiceCollectionExtensions
{
    /// <summary>
    /// The shared limit store (Redis with <c>ConnectionStrings:Redis</c>, else this instance's memory), the GraphQL
    /// transports' limits and the WebSocket settings (<c>GraphQL:WebSockets:*</c>), all validated at start.
    /// </summary>
    public static WebApplicationBuilder AddKdFamilyLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitStoreOptions>()
            .Configure(options => options.KeyPrefix = "kdfamily:limits:")
            .BindConfiguration(LimitStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<CallerLimitsOptions>().BindConfiguration(CallerLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<GraphQLWebSocketOptions>()
            .Configure(options => options.PongTimeout = TimeSpan.FromSeconds(30))
            .BindConfiguration("GraphQL:WebSockets")
            .ValidateDataAnnotations()
            .Validate(options => options.ConnectionInitTimeout > TimeSpan.Zero, "GraphQL:WebSockets:ConnectionInitTimeout must be positive.")
            .Validate(options => options.PongTimeout is null || options.PongTimeout > TimeSpan.Zero, "GraphQL:WebSockets:PongTimeout must be positive (or empty for never).")
            .Validate(options => options.OutgoingQueueMaxBytes >= 1024, "GraphQL:WebSockets:OutgoingQueueMaxBytes must be at least 1024 (bytes).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddSingleton<ILimitStore, InMemoryLimitStore>();
        }
        else
        {
            // Uses the process's one Redis connection, registered with the topic bus.
            builder.Services.AddSingleton<ILimitStore, RedisLimitStore>();
        }

        builder.Services.AddSingleton<CallerLimits>();
        builder.Services.AddScoped<DocumentCost>();
        return builder;
    }

    /// <summary>Admission of GraphQL requests and the WebSocket transports at <c>/graphql</c>, with the configured settings.</summary>
    public static WebApplication UseKdFamilyGraphQLTransports(this WebApplication app)
    {
        app.UseCallerLimits("/graphql");
        var configured = app.Services.GetRequiredService<IOptions<GraphQLWebSocketOptions>>().Value;
        app.UseGraphQLWebSockets<KdFamilySchema>("/graphql", options =>
        {
            options.ConnectionInitTimeout = configured.ConnectionInitTimeout;
            options.KeepAliveInterval = configured.KeepAliveInterval;
            options.PongTimeout = configured.PongTimeout;
            options.MaxOperationsPerSocket = configured.MaxOperationsPerSocket;
            options.OutgoingQueueCapacity = configured.OutgoingQueueCapacity;
            options.OutgoingQueueMaxBytes = configured.OutgoingQueueMaxBytes;
            options.MaxMessageSize = configured.MaxMessageSize;
            options.CloseTimeout = configured.CloseTimeout;
        });
        return app;
    }
}
