using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;

namespace KdFamily.Graph.Tests.Observability;

/// <summary>
/// Every error answer quotes the trace it ran under, as the 32 hex digits the logs' <c>TraceId</c> and tracing backends
/// show: GraphQL errors (<c>extensions.traceId</c>) over HTTP, SSE and WebSocket, and REST problem details
/// (<c>traceId</c>). A caller that sends <c>traceparent</c> gets its own trace id back.
/// </summary>
public sealed class ErrorTraceIdTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string InvalidQuery = "{ noSuchField }";

    [Fact]
    public async Task GraphQLErrorOverHttp_CarriesTheCallersTraceId()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = Post("/graphql", $$"""{"query":"{{InvalidQuery}}"}""", "application/json", traceId);

        var body = await SendAsync(request);

        Assert.Equal(traceId, JsonNode.Parse(body)!["errors"]![0]!["extensions"]!["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task GraphQLErrorOverSse_CarriesTheCallersTraceId()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = Post("/graphql", $$"""{"query":"{{InvalidQuery}}"}""", "text/event-stream", traceId);

        var body = await SendAsync(request);

        var data = body.Split('\n').First(line => line.StartsWith("data: {", StringComparison.Ordinal))["data: ".Length..];
        Assert.Equal(traceId, JsonNode.Parse(data)!["errors"]![0]!["extensions"]!["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task GraphQLErrorOverWebSocket_CarriesTheSocketsTraceId()
    {
        var endpoint = new Uri(factory.KestrelAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "graphql");
        await using var client = await WebSocketTestClient.ConnectAsync(endpoint, "graphql-transport-ws");
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());

        await client.SendAsync(new { type = "subscribe", id = "1", payload = new { query = InvalidQuery } });

        var error = await client.ReceiveAsync();
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", error["payload"]![0]!["extensions"]!["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RestProblem_CarriesTheCallersTraceId()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = Post("/api/v1/auth/login", """{"login":"nobody-here","password":"wrong password 1"}""", "application/json", traceId);

        var body = await SendAsync(request, HttpStatusCode.Unauthorized);

        Assert.Equal(traceId, JsonNode.Parse(body)!["traceId"]!.GetValue<string>());
    }

    private static HttpRequestMessage Post(string path, string json, string accept, string traceId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    private async Task<string> SendAsync(HttpRequestMessage request, HttpStatusCode? status = null)
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (status is not null)
        {
            Assert.True(response.StatusCode == status, body);
        }

        return body;
    }
}
