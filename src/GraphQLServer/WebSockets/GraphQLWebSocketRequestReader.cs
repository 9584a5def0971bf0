using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLServer.Execution;

namespace GraphQLServer.WebSockets;

/// <summary>
/// Reads the GraphQL request in a <c>subscribe</c>/<c>start</c> payload with the shared
/// <see cref="GraphQLRequestReader"/>, wording a refusal for the socket's error message.
/// </summary>
internal static class GraphQLWebSocketRequestReader
{
    public static bool TryRead(JsonElement payload, IGraphQLSerializer serializer,
        [NotNullWhen(true)] out GraphQLRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = GraphQLRequestReader.Read(payload, serializer, out var refused);
        problem = refused?.Kind switch
        {
            null => null,
            GraphQLRequestProblemKind.NotAnObject => "the payload must be an object",
            GraphQLRequestProblemKind.QueryMissing => "the payload needs a non-empty string 'query'",
            GraphQLRequestProblemKind.NotAString when refused.Member == "query" => "the payload needs a non-empty string 'query'",
            GraphQLRequestProblemKind.NotAString => $"'{refused.Member}' must be a string",
            GraphQLRequestProblemKind.NotAMap => $"'{refused.Member}' must be an object",
            _ => "the payload is not a GraphQL request",
        };
        return request is not null;
    }
}
