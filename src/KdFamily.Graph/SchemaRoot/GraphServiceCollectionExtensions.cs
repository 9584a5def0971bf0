using GraphQL;
using GraphQLParser.AST;
using GraphQLServer.Authorization;
using GraphQLServer.DataLoader;
using GraphQLServer.Http;
using GraphQLServer.Limits;
using GraphQLServer.PubSub;
using GraphQLServer.Subscriptions;
using GraphQLServer.Validation;
using GraphQLServer.WebSockets;
using KdFamily.Application;
using KdFamily.Application.Audit;
using KdFamily.Application.Events;
using KdFamily.Domain.Dates;
using KdFamily.Graph.Audit;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Maintenance;
using KdFamily.Graph.Outages;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KdFamily.Graph.SchemaRoot;

public static class GraphServiceCollectionExtensions
{
    public static WebApplicationBuilder AddKdFamilyGraph(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataLoaders();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddGraphQLWebSockets();
        builder.Services.AddApplication();
        builder.Services.AddScoped<IRequestOrigin, HttpRequestOrigin>();

        // Live updates: the topic bus (Redis, or in-memory when ConnectionStrings:Redis is absent), the per-unit-of-work
        // outbox that publishes after commit, and the maintenance announcer behind the admin endpoint.
        builder.Services.AddTopicBus(builder.Configuration.GetConnectionString("Redis"), redisClientName: "kdfamily");
        builder.Services.AddScoped<IFamilyEvents, FamilyEventOutbox>();
        builder.Services.AddSingleton<ISystemMaintenance, SystemMaintenance>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SharedEventLoads>();
        builder.Services.AddOptions<GraphQLLimits>().BindConfiguration("GraphQL").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<KdFamilySchema>()
            .AddSystemTextJson()
            .AddServerDefaults()
            .AddInputValueRule(limits => (limits.MinDate, limits.MaxDate) = (SupportedDates.Min, SupportedDates.Max))
            .AddServiceUnavailableErrors(DatabaseUnavailable.Is, DatabaseUnavailable.Message, DatabaseUnavailable.RetryAfter)
            .AddAuthorizationRule()
            .AddCostBudget()
            .AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(OperationType.Subscription)
            .AddGraphTypes(typeof(KdFamilySchema).Assembly));
        return builder;
    }
}
