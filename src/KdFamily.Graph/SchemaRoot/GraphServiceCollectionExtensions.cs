using GraphQL;
using GraphQLServer.Authorization;
using GraphQLServer.Hosting;
using GraphQLServer.Http;
using GraphQLServer.Limits;
using GraphQLServer.Validation;
using KdFamily.Application;
using KdFamily.Application.Audit;
using KdFamily.Application.Events;
using KdFamily.Domain.Dates;
using KdFamily.Graph.Audit;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Maintenance;
using KdFamily.Graph.Outages;

namespace KdFamily.Graph.SchemaRoot;

public static class GraphServiceCollectionExtensions
{
    public static WebApplicationBuilder AddKdFamilyGraph(this WebApplicationBuilder builder)
    {
        builder.Services.AddApplication();
        builder.Services.AddScoped<IRequestOrigin, HttpRequestOrigin>();
        builder.Services.AddGraphQLServer<KdFamilySchema>(server =>
        {
            // Live updates and the shared limits: Redis, or this instance's memory when ConnectionStrings:Redis is absent.
            server.RedisConnectionString = builder.Configuration.GetConnectionString("Redis");
            server.RedisClientName = "kdfamily";
            server.LimitKeyPrefix = "kdfamily:limits:";
            server.PersistedDocumentDefaults = documents =>
            {
                documents.KeyPrefix = "kdfamily:persisted:";
                documents.TrustedDocumentsPath = Path.Combine(AppContext.BaseDirectory, "operations");
            };
            server.WebSocketDefaults = webSockets => webSockets.PongTimeout = TimeSpan.FromSeconds(30);
            server.Graph = graph => graph
                .AddInputValueRule(limits => (limits.MinDate, limits.MaxDate) = (SupportedDates.Min, SupportedDates.Max))
                .AddServiceUnavailableErrors(DatabaseUnavailable.Is, DatabaseUnavailable.Message, DatabaseUnavailable.RetryAfter)
                .AddAuthorizationRule()
                .AddCostReport()
                .AddGraphTypes(typeof(KdFamilySchema).Assembly);
        });

        // The per-unit-of-work outbox that publishes after commit, and the maintenance announcer behind the admin endpoint.
        builder.Services.AddScoped<IFamilyEvents, FamilyEventOutbox>();
        builder.Services.AddSingleton<ISystemMaintenance, SystemMaintenance>();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
