using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// README "Live updates", faults: when the Redis connection drops, every transport ends a live subscription with the
/// same typed error, and the process logs the outage as a warning, never as an error (it is expected and handled).
/// The real host as a process on a Redis server of its own, which the test stops.
/// </summary>
public sealed class StreamInterruptionTests
{
    [Fact]
    public async Task RedisLost_EveryTransportEndsTheStreamWithEventStreamInterrupted_AndNothingIsLoggedAsAnError()
    {
        using var redis = RedisServer.Start();
        await using var host = await HostProcess.StartAsync(redis.ConnectionString);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var registered = await http.RegisterAsync(AuthApiClient.NewName("si"));
        var token = registered.Str("accessToken");
        var subscription = $$"""subscription { taskCreated(familyId: "{{registered["user"].Str("familyId")}}") { id } }""";

        await using var modern = await WebSocketTestClient.ConnectAsync(host.WebSocketEndpoint, "graphql-transport-ws");
        await modern.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await modern.ReceiveAsync())["type"]!.GetValue<string>());
        await modern.SendAsync(new { type = "subscribe", id = "1", payload = new { query = subscription } });

        await using var legacy = await WebSocketTestClient.ConnectAsync(host.WebSocketEndpoint, "graphql-ws");
        await legacy.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await legacy.ReceiveAsync())["type"]!.GetValue<string>());
        await legacy.SendAsync(new { type = "start", id = "1", payload = new { query = subscription } });

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = subscription }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var sse = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Assert.True((await sse.ReadAsync())?.IsComment);

        // All three are live before the outage.
        await http.PostGraphQLAsync("mutation { createTask(input: {title: \"Before\", points: 1}) { task { id } } }", accessToken: token);
        Assert.Equal("next", (await modern.ReceiveAsync())["type"]!.GetValue<string>());
        Assert.Equal("data", (await legacy.ReceiveAsync())["type"]!.GetValue<string>());
        Assert.Equal("next", (await sse.ReadEventAsync())?.Event);

        redis.StopProcess();

        var modernError = await modern.ReceiveAsync();
        Assert.Equal("next", modernError["type"]!.GetValue<string>());
        Assert.Equal(LiveUpdateFields.StreamInterruptedCode, Code(modernError["payload"]));
        Assert.Equal("complete", (await modern.ReceiveAsync())["type"]!.GetValue<string>());

        var legacyError = await legacy.ReceiveAsync();
        Assert.Equal("data", legacyError["type"]!.GetValue<string>());
        Assert.Equal(LiveUpdateFields.StreamInterruptedCode, Code(legacyError["payload"]));
        Assert.Equal("complete", (await legacy.ReceiveAsync())["type"]!.GetValue<string>());

        var sseError = await sse.ReadEventAsync();
        Assert.Equal("next", sseError?.Event);
        Assert.Equal(LiveUpdateFields.StreamInterruptedCode, Code(JsonNode.Parse(sseError!.Data!)));
        Assert.Equal("complete", (await sse.ReadEventAsync())?.Event);

        // The outage is reported once as a warning; no line at error level (the console's "fail:").
        Assert.Contains(host.Output, line => line.StartsWith("warn: GraphQLServer.PubSub.RedisTopicBus", StringComparison.Ordinal));
        var errors = host.Output.Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"logged as errors:\n{host.Describe()}");
    }

    private static string? Code(JsonNode? payload) => payload?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
}
