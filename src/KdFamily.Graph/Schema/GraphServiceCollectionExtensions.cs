using GraphQL;
using KdFamily.Graph.Schema;
using KdFamily.Graph.Server.Http;

namespace KdFamily.Graph.Extensions;

public static class GraphServiceCollectionExtensions
{
    public static WebApplicationBuilder AddKdFamilyGraph(this WebApplicationBuilder builder)
    {
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<KdFamilySchema>()
            .AddSystemTextJson()
            .AddServerDefaults()
            .AddGraphTypes(typeof(KdFamilySchema).Assembly));
        return builder;
    }
}
