using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLServer.Tests.Sse;
using KdFamily.Testing;

namespace GraphQLServer.Tests.Http;

/// <summary>
/// Accept negotiation between JSON and graphql-sse on real Kestrel: JSON wins unless the client prefers the event
/// stream by quality or by order, or the operation is a subscription (which JSON cannot carry).
/// </summary>
public sealed class ContentNegotiationTests(SseTestHost host) : IClassFixture<SseTestHost>
{
    /// <summary>urql's default Accept (fetchExchange).</summary>
    public const string UrqlAccept = "application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed";

    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string EventStream = "text/event-stream";
    private const string Query = "{ hello }";
    private const string Mutation = "mutation { touch }";
    private const string Subscription = "subscription { events(topic: \"negotiation\") }";

    [Theory]
    [InlineData(UrqlAccept, Query, GraphQLResponse)]
    [InlineData(UrqlAccept, Mutation, GraphQLResponse)]
    [InlineData(UrqlAccept, Subscription, EventStream)]
    [InlineData("application/json, text/event-stream", Query, Json)]
    [InlineData("application/json, text/event-stream", Subscription, EventStream)]
    [InlineData("text/event-stream, application/json", Query, EventStream)]
    [InlineData("text/event-stream, application/graphql-response+json", Mutation, EventStream)]
    [InlineData("application/json;q=0.5, text/event-stream", Query, EventStream)]
    [InlineData("text/event-stream;q=0.5, application/json", Query, Json)]
    [InlineData("text/event-stream;q=0.5, application/json", Subscription, EventStream)]
    [InlineData("application/json;q=0.9, text/event-stream;q=0.9", Query, Json)]
    [InlineData("text/event-stream;q=0.9, application/json;q=0.9", Query, EventStream)]
    [InlineData("text/event-stream;q=0, application/json", Subscription, Json)]
    [InlineData("text/event-stream", Query, EventStream)]
    [InlineData("text/event-stream, */*", Query, EventStream)]
    [InlineData("*/*", Query, Json)]
    [InlineData("*/*", Subscription, EventStream)]
    [InlineData("text/*", Query, EventStream)]
    [InlineData("application/json", Subscription, Json)]
    [InlineData("application/graphql-response+json", Query, GraphQLResponse)]
    [InlineData("", Query, Json)]
    public async Task Post_WithAccept_AnswersWithNegotiatedMediaType(string accept, string query, string expected)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        AddAccept(request, accept);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        if (expected != EventStream)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (query != Subscription)
            {
                Assert.Null(body["errors"]);
            }
        }
    }

    [Theory]
    [InlineData(UrqlAccept, Query, GraphQLResponse)]
    [InlineData(UrqlAccept, Subscription, EventStream)]
    [InlineData("*/*", Subscription, EventStream)]
    [InlineData("text/event-stream, application/json", Query, EventStream)]
    public async Task Get_WithAccept_AnswersWithNegotiatedMediaType(string accept, string query, string expected)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.GraphQLEndpoint, "?query=" + Uri.EscapeDataString(query)));
        AddAccept(request, accept);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostQuery_WithUrqlAccept_AnswersDataAsGraphQLResponse()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json"),
        };
        AddAccept(request, UrqlAccept);
        using var response = await client.SendAsync(request);

        Assert.Equal("""{"data":{"hello":"world"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostSubscription_WithUrqlAccept_StreamsEvents()
    {
        var topic = "negotiation-" + Guid.NewGuid().ToString("N");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { query = "subscription($t: String!) { events(topic: $t) }", variables = new { t = topic } }),
                Encoding.UTF8,
                "application/json"),
        };
        AddAccept(request, UrqlAccept);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Assert.True((await events.ReadAsync())?.IsComment);
        await host.Hub[topic].WaitForSubscribersAsync(1);

        host.Hub[topic].Publish("one");

        var next = await events.ReadEventAsync();
        Assert.Equal("next", next?.Event);
        Assert.Equal("one", JsonNode.Parse(next!.Data!)!["data"]!["events"]!.GetValue<string>());
        host.Hub[topic].Complete();
        Assert.Equal("complete", (await events.ReadEventAsync())?.Event);
    }

    [Fact]
    public async Task GetMutation_WithUrqlAccept_Returns405AsJson()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.GraphQLEndpoint, "?query=" + Uri.EscapeDataString(Mutation)));
        AddAccept(request, UrqlAccept);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType?.MediaType);
    }

    private static void AddAccept(HttpRequestMessage request, string accept)
    {
        if (accept.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
    }
}
