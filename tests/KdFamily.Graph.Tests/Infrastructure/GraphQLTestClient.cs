using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>Posts GraphQL requests as JSON, optionally with a bearer token, and returns the parsed response.</summary>
public static class GraphQLTestClient
{
    public static async Task<JsonObject> PostGraphQLAsync(
        this HttpClient client, string query, object? variables = null, string? accessToken = null, string? operationName = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body) as JsonObject
            ?? throw new JsonException($"Expected a JSON object, got HTTP {(int)response.StatusCode}: {body}");
    }
}
