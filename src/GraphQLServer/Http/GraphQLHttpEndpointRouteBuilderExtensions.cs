using GraphQL.Types;

namespace GraphQLServer.Http;

public static class GraphQLHttpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the GraphQL-over-HTTP endpoint for <typeparamref name="TSchema"/>: POST and GET (queries only) at
    /// <paramref name="path"/>, plus <c>GET path?sdl</c> for the printed schema.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp<TSchema>(
        this IEndpointRouteBuilder endpoints, string path, Action<GraphQLHttpOptions>? configure = null)
        where TSchema : ISchema
    {
        var options = new GraphQLHttpOptions();
        configure?.Invoke(options);
        return endpoints.MapGraphQLHttp<TSchema>(path, options);
    }

    internal static IEndpointConventionBuilder MapGraphQLHttp<TSchema>(this IEndpointRouteBuilder endpoints, string path, GraphQLHttpOptions options)
        where TSchema : ISchema =>
        endpoints
            .MapMethods(path, [HttpMethods.Get, HttpMethods.Post], (HttpContext http) => GraphQLHttpHandler.HandleAsync<TSchema>(http, options))
            .WithDisplayName($"GraphQL over HTTP ({typeof(TSchema).Name})");
}
