using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KdFamily.Testing;

namespace GraphQLServer.Tests.Sse;

/// <summary>graphql-sse (distinct connections mode) over real Kestrel, on a schema of the tests' own.</summary>
public sealed class SseTransportTests(SseTestHost host) : IClassFixture<SseTestHost>
{
    private const string Subscribe = "subscription Events($topic: String!) { events(topic: $topic) }";

    [Fact]
    public async Task PostQuery_AcceptingEventStream_WritesNextThenCompleteExactly()
    {
        using var client = new HttpClient();
        using var response = await SendAsync(client, Post("{ hello }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains("keep-alive", response.Headers.Connection);
        Assert.Equal(
            ":\n\nevent: next\ndata: {\"data\":{\"hello\":\"world\"}}\n\nevent: complete\ndata:\n\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostMutation_AcceptingEventStream_WritesOneNextThenComplete()
    {
        using var client = new HttpClient();
        using var response = await SendAsync(client, Post("mutation { touch }"));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var next = await events.ReadEventAsync();
        Assert.Equal("next", next?.Event);
        Assert.True(JsonNode.Parse(next!.Data!)!["data"]!["touch"]!.GetValue<bool>());
        Assert.Equal("complete", (await events.ReadEventAsync())?.Event);
        Assert.Null(await events.ReadAsync());
    }

    [Fact]
    public async Task PostSubscription_EventsPublished_StreamsThemInOrderThenCompletes()
    {
        var topic = NewTopic();
        using var client = new HttpClient();
        using var response = await SendAsync(client, Post(Subscribe, new { topic }));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Assert.True((await events.ReadAsync())?.IsComment);
        await host.Hub[topic].WaitForSubscribersAsync(1);

        foreach (var value in new[] { "one", "two", "three" })
        {
            host.Hub[topic].Publish(value);
        }

        List<string> received = [];
        for (var i = 0; i < 3; i++)
        {
            var next = await events.ReadEventAsync();
            Assert.Equal("next", next?.Event);
            received.Add(JsonNode.Parse(next!.Data!)!["data"]!["events"]!.GetValue<string>());
        }

        Assert.Equal(["one", "two", "three"], received);
        host.Hub[topic].Complete();
        var complete = await events.ReadEventAsync();
        Assert.Equal("event: complete\ndata:\n\n", complete?.Raw);
        Assert.Null(await events.ReadAsync());
    }

    [Fact]
    public async Task PostSubscription_ClientDisconnects_DisposesSourceSubscription()
    {
        var topic = NewTopic();
        using (var client = new HttpClient())
        {
            using var response = await SendAsync(client, Post(Subscribe, new { topic }));
            using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
            await host.Hub[topic].WaitForSubscribersAsync(1);
            host.Hub[topic].Publish("before");
            Assert.Equal("before", JsonNode.Parse((await events.ReadEventAsync())!.Data!)!["data"]!["events"]!.GetValue<string>());
        }

        await host.Hub[topic].WaitForSubscribersAsync(0);
        Assert.Equal(0, host.Hub[topic].SubscriberCount);
    }

    [Fact]
    public async Task PostSubscription_WithValidationError_WritesErrorsAsNextThenComplete()
    {
        using var client = new HttpClient();
        using var response = await SendAsync(client, Post("subscription { nope }"));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = await events.ReadEventAsync();
        Assert.Equal("next", next?.Event);
        var payload = JsonNode.Parse(next!.Data!)!.AsObject();
        Assert.False(payload.ContainsKey("data"));
        Assert.Contains("nope", payload["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("complete", (await events.ReadEventAsync())?.Event);
    }

    [Fact]
    public async Task PostSubscription_MissingVariable_WritesErrorsAsNext()
    {
        using var client = new HttpClient();
        using var response = await SendAsync(client, Post(Subscribe));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var next = await events.ReadEventAsync();
        Assert.Equal("next", next?.Event);
        Assert.Equal("INVALID_VALUE", JsonNode.Parse(next!.Data!)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", (await events.ReadEventAsync())?.Event);
    }

    [Fact]
    public async Task Post_UnparsableDocument_Returns400Json()
    {
        using var client = new HttpClient();
        using var response = await SendAsync(client, Post("subscription {"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("SYNTAX_ERROR", (await JsonBodyAsync(response))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400Json()
    {
        using var client = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent("""{ "not a JSON""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await SendAsync(client, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("INVALID_JSON", (await JsonBodyAsync(response))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_MissingQuery_Returns400Json()
    {
        using var client = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent("""{"qeury":"{ hello }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await SendAsync(client, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("QUERY_MISSING", (await JsonBodyAsync(response))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetQuery_AcceptingEventStream_StreamsResult()
    {
        using var client = new HttpClient();
        using var response = await SendAsync(client, Get("{ hello }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ":\n\nevent: next\ndata: {\"data\":{\"hello\":\"world\"}}\n\nevent: complete\ndata:\n\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetSubscription_AcceptingEventStream_StreamsEvents()
    {
        var topic = NewTopic();
        using var client = new HttpClient();
        using var response = await SendAsync(client, Get(Subscribe, new { topic }));
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await host.Hub[topic].WaitForSubscribersAsync(1);

        host.Hub[topic].Publish("over GET");

        var next = await events.ReadEventAsync();
        Assert.Equal("over GET", JsonNode.Parse(next!.Data!)!["data"]!["events"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetMutation_AcceptingEventStream_Returns405AllowingPost()
    {
        using var client = new HttpClient();
        using var response = await SendAsync(client, Get("mutation { touch }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OPERATION_NOT_ALLOWED_OVER_GET", (await JsonBodyAsync(response))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostQuery_AcceptingJson_IsNotAnEventStream()
    {
        using var client = new HttpClient();
        var request = Post("{ hello }");
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SendAsync(client, request);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("world", (await JsonBodyAsync(response))["data"]!["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostSubscription_AccessTokenExpires_CompletesStreamAndDisposesSource()
    {
        var topic = NewTopic();
        using var client = new HttpClient();
        var request = Post(Subscribe, new { topic });
        request.Headers.Add(SseTestHost.UserHeader, "pat");
        request.Headers.Add(SseTestHost.ExpiresHeader, SseTestHost.UnixSecondsFromNow(TimeSpan.FromSeconds(2)));
        using var response = await SendAsync(client, request);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await host.Hub[topic].WaitForSubscribersAsync(1);

        // No event is published: the only way the stream completes is the token's exp.
        Assert.Equal("complete", (await events.ReadEventAsync())?.Event);
        Assert.Null(await events.ReadAsync());
        await host.Hub[topic].WaitForSubscribersAsync(0);
    }

    [Fact]
    public async Task PostSubscription_ClientStopsReading_CutsStreamAndDisposesSource()
    {
        var topic = NewTopic();
        using var client = new HttpClient();
        using var response = await SendAsync(client, Post(Subscribe, new { topic }));
        await host.Hub[topic].WaitForSubscribersAsync(1);

        // The client never reads: socket buffers fill, then the bounded channel; the server must give up on the
        // stream (and its subscription) instead of buffering without bound.
        var payload = new string('x', 64 * 1024);
        for (var i = 0; i < 20_000 && host.Hub[topic].SubscriberCount > 0; i++)
        {
            host.Hub[topic].Publish(payload);
            if (i % 16 == 0)
            {
                await Task.Delay(5);
            }
        }

        Assert.True(host.Hub[topic].SubscriberCount == 0, "The stream of a client that never reads was not cut within 20 000 events.");
        await host.Hub[topic].WaitForSubscribersAsync(0);
    }

    [Fact]
    public async Task ReferenceClient_Subscription_ReceivesPublishedEvents()
    {
        var topic = NewTopic();
        var run = NodeScript.RunAsync(
            "sse-client.mjs", host.GraphQLEndpoint.ToString(), Subscribe, JsonSerializer.Serialize(new { topic }), "3", "30000");
        await host.Hub[topic].WaitForSubscribersAsync(1, TimeSpan.FromSeconds(60));

        host.Hub[topic].Publish("alpha");
        host.Hub[topic].Publish("beta");
        host.Hub[topic].Publish("gamma");

        var result = await run;
        Assert.True(result.ExitCode == 0, result.Describe());
        var verdict = result.ParseJsonVerdict();
        var values = verdict["events"]!.AsArray().Select(e => e!["data"]!["events"]!.GetValue<string>()).ToList();
        Assert.Equal(["alpha", "beta", "gamma"], values);
        await host.Hub[topic].WaitForSubscribersAsync(0);
    }

    [Fact]
    public async Task ReferenceClient_Query_ReceivesResultAndComplete()
    {
        var result = await NodeScript.RunAsync("sse-client.mjs", host.GraphQLEndpoint.ToString(), "{ hello }", "{}", "5", "30000");

        Assert.True(result.ExitCode == 0, result.Describe());
        var verdict = result.ParseJsonVerdict();
        Assert.True(verdict["completed"]!.GetValue<bool>(), result.Describe());
        Assert.Equal("world", verdict["events"]![0]!["data"]!["hello"]!.GetValue<string>());
    }

    private static string NewTopic() => Guid.NewGuid().ToString("N");

    private HttpRequestMessage Post(string query, object? variables = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private HttpRequestMessage Get(string query, object? variables = null)
    {
        var uri = host.GraphQLEndpoint + "?query=" + Uri.EscapeDataString(query)
            + (variables is null ? "" : "&variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(variables)));
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
    }

    private static async Task<JsonNode> JsonBodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}

/// <summary>Keep-alive comments, on a host whose interval is short enough to see several.</summary>
public sealed class SseKeepAliveTests(FastKeepAliveSseTestHost host) : IClassFixture<FastKeepAliveSseTestHost>
{
    [Fact]
    public async Task IdleSubscription_WritesKeepAliveCommentAtOnceAndPeriodically()
    {
        var topic = Guid.NewGuid().ToString("N");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { query = "subscription($t: String!) { events(topic: $t) }", variables = new { t = topic } }),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        // Nothing is published, so everything on the wire is keep-alive.
        for (var i = 0; i < 3; i++)
        {
            var message = await events.ReadAsync();
            Assert.Equal(":\n\n", message?.Raw);
            Assert.True(message!.IsComment);
        }

        host.Hub[topic].Publish("after the comments");
        Assert.Equal("next", (await events.ReadEventAsync())?.Event);
    }
}
