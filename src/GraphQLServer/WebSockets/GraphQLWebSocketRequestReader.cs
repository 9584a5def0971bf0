using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace GraphQLServer.WebSockets;

/// <summary>Reads the GraphQL request in a <c>subscribe</c>/<c>start</c> payload, checking each member's JSON type.</summary>
internal static class GraphQLWebSocketRequestReader
{
    public static bool TryRead(JsonElement payload, IGraphQLSerializer serializer,
        [NotNullWhen(true)] out GraphQLRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            problem = "the payload must be an object";
            return false;
        }

        if (!payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(query.GetString()))
        {
            problem = "the payload needs a non-empty string 'query'";
            return false;
        }

        string? operationName = null;
        if (payload.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                problem = "'operationName' must be a string";
                return false;
            }

            operationName = name.GetString();
        }

        if (!TryReadMap(payload, "variables", serializer, out var variables, out problem)
            || !TryReadMap(payload, "extensions", serializer, out var extensions, out problem))
        {
            return false;
        }

        problem = null;

        request = new GraphQLRequest { Query = query.GetString(), OperationName = operationName, Variables = variables, Extensions = extensions };
        return true;
    }

    private static bool TryReadMap(JsonElement payload, string name, IGraphQLSerializer serializer, out Inputs? map, [NotNullWhen(false)] out string? problem)
    {
        map = null;
        problem = null;
        if (!payload.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = $"'{name}' must be an object";
            return false;
        }

        map = serializer.ReadNode<Inputs>(value);
        return true;
    }
}
