using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;

namespace KdFamily.Graph.Server.Http;

/// <summary>
/// Minimal GraphQL-over-HTTP POST endpoint (JSON in, JSON out). To be replaced by the conformant
/// transport (media types, GET, status codes of the GraphQL-over-HTTP spec).
/// </summary>
public static class GraphQLHttpEndpoint
{
    public static IEndpointConventionBuilder MapGraphQLHttp<TSchema>(this IEndpointRouteBuilder endpoints, string path)
        where TSchema : ISchema
    {
        return endpoints.MapPost(path, async (HttpContext http, IDocumentExecuter<TSchema> executer, IGraphQLTextSerializer serializer) =>
        {
            var request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request?.Query,
                OperationName = request?.OperationName,
                Variables = request?.Variables,
                Extensions = request?.Extensions,
                User = http.User,
                RequestServices = http.RequestServices,
                CancellationToken = http.RequestAborted,
            });
            http.Response.ContentType = "application/json";
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        });
    }
}
