using GraphQL;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Schema;
using KdFamily.Graph.Server.Authorization;
using KdFamily.Graph.Server.DataLoader;
using KdFamily.Graph.Server.Http;
using KdFamily.Graph.Server.WebSockets;

namespace KdFamily.Graph.Extensions;

public static class GraphServiceCollectionExtensions
{
    public static WebApplicationBuilder AddKdFamilyGraph(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataLoaders();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddGraphQLWebSockets();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<Tasks.TaskWorkflowHandler>();
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<KdFamilySchema>()
            .AddSystemTextJson()
            .AddServerDefaults()
            .AddAuthorizationRule()
            .AddGraphTypes(typeof(KdFamilySchema).Assembly));
        return builder;
    }
}
