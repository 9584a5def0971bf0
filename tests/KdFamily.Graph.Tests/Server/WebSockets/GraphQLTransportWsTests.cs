using System.Text.Json.Nodes;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>The <c>graphql-transport-ws</c> subprotocol over a real socket: messages, close codes and auth.</summary>
public sealed class GraphQLTransportWsTests : IClassFixture<WebSocketTestHost>
{
    private const string Protocol = "graphql-transport-ws";
    private readonly WebSocketTestHost _host;

    public GraphQLTransportWsTests(WebSocketTestHost host) => _host = host;

    [Fact]
    public async Task Connect_OfferingBothSubprotocols_PrefersGraphQLTransportWs()
    {
        await using var client = await WebSocketTestClient.ConnectAsync(_host.Endpoint, "graphql-ws", Protocol);

        Assert.Equal(Protocol, client.SubProtocol);
    }

    [Fact]
    public async Task Connect_UnknownSubprotocol_ClosesWith4406()
    {
        await using var client = await WebSocketTestClient.ConnectAsync(_host.Endpoint, "mqtt");

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4406, code);
        Assert.Equal("Subprotocol not acceptable", reason);
    }

    [Fact]
    public async Task ConnectionInit_Anonymous_IsAcknowledged()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConnectionInit_NotSentInTime_ClosesWith4408()
    {
        await using var client = await ConnectAsync();

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4408, code);
        Assert.Equal("Connection initialisation timeout", reason);
    }

    [Fact]
    public async Task ConnectionInit_SentTwice_ClosesWith4429()
    {
        await using var client = await InitialisedAsync();

        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task ConnectionInit_InvalidToken_ClosesWith4403()
    {
        await using var client = await ConnectAsync();
        var foreignKey = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey("some-other-signing-key-0123456789-abcdefghijkl"u8.ToArray());
        var token = WebSocketTestHost.IssueToken("mallory", TimeSpan.FromHours(1), foreignKey);

        await client.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });

        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4403, code);
        Assert.Equal("Forbidden", reason);
    }

    [Fact]
    public async Task ConnectionInit_ValidToken_OperationsRunAsTheTokensUser()
    {
        await using var client = await ConnectAsync();
        var token = WebSocketTestHost.IssueToken("alice", TimeSpan.FromHours(1));
        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());

        await client.SendAsync(Subscribe("1", "{ whoami }"));

        var next = await client.ReceiveAsync();
        Assert.Equal("alice", next["payload"]!["data"]!["whoami"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_ExpiresDuringConnection_ClosesWith4403()
    {
        await using var client = await ConnectAsync();
        var token = WebSocketTestHost.IssueToken("bob", TimeSpan.FromSeconds(3));
        await client.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4403, code);
        Assert.Equal("Forbidden", reason);
    }

    [Fact]
    public async Task Subscribe_BeforeAck_ClosesWith4401()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync(Subscribe("1", "{ hello }"));

        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4401, code);
        Assert.Equal("Unauthorized", reason);
    }

    [Fact]
    public async Task Subscribe_DuplicateActiveId_ClosesWith4409()
    {
        await using var client = await InitialisedAsync();
        var topic = NewTopic();
        await client.SendAsync(Subscribe("dup", EventsQuery(topic)));
        await _host.Events.WaitForSubscribersAsync(topic, 1);

        await client.SendAsync(Subscribe("dup", EventsQuery(topic)));

        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for dup already exists", reason);
        await _host.Events.WaitForSubscribersAsync(topic, 0);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"1\"}")]
    [InlineData("{\"type\":\"teleport\"}")]
    [InlineData("{\"type\":\"next\",\"id\":\"1\",\"payload\":{}}")]
    [InlineData("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":42}}")]
    [InlineData("{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ hello }\"}}")]
    [InlineData("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ hello }\",\"variables\":[1]}}")]
    public async Task Message_Invalid_ClosesWith4400(string message)
    {
        await using var client = await InitialisedAsync();

        await client.SendRawAsync(message);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Ping_FromClient_IsAnsweredWithPongCarryingThePayload()
    {
        await using var client = await InitialisedAsync();

        await client.SendAsync(new { type = "ping", payload = new { n = 7 } });

        var pong = await client.ReceiveAsync();
        Assert.Equal("pong", pong["type"]!.GetValue<string>());
        Assert.Equal(7, pong["payload"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task KeepAlive_AfterAck_ServerSendsPings()
    {
        await using var client = await InitialisedAsync();

        var message = await client.ReceiveAsync(includeKeepAlives: true);

        Assert.Equal("ping", message["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_Query_SendsOneNextThenComplete()
    {
        await using var client = await InitialisedAsync();

        await client.SendAsync(Subscribe("q1", "query Hello { hello }", "Hello"));

        var next = await client.ReceiveAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Equal("q1", next["id"]!.GetValue<string>());
        Assert.Equal("world", next["payload"]!["data"]!["hello"]!.GetValue<string>());
        var complete = await client.ReceiveAsync();
        Assert.Equal("complete", complete["type"]!.GetValue<string>());
        Assert.Equal("q1", complete["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_Mutation_SendsOneNextThenComplete()
    {
        await using var client = await InitialisedAsync();

        await client.SendAsync(Subscribe("m1", "mutation { touch }"));

        Assert.True((await client.ReceiveAsync())["payload"]!["data"]!["touch"]!.GetValue<bool>());
        Assert.Equal("complete", (await client.ReceiveAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_InvalidDocument_SendsErrorWithoutComplete()
    {
        await using var client = await InitialisedAsync();

        await client.SendAsync(Subscribe("bad", "{ nope }"));
        await client.SendAsync(Subscribe("after", "{ hello }"));

        var error = await client.ReceiveAsync();
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("bad", error["id"]!.GetValue<string>());
        var errors = error["payload"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.Contains("nope", errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        // The next message belongs to the following operation: no complete for "bad".
        var next = await client.ReceiveAsync();
        Assert.Equal(("next", "after"), (next["type"]!.GetValue<string>(), next["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Subscribe_Subscription_StreamsEventsAndCompletesWhenTheStreamEnds()
    {
        await using var client = await InitialisedAsync();
        var topic = NewTopic();
        await client.SendAsync(Subscribe("s1", EventsQuery(topic)));
        await _host.Events.WaitForSubscribersAsync(topic, 1);

        _host.Events.Publish(topic, "first");
        _host.Events.Publish(topic, "second");
        _host.Events.Complete(topic);

        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();
        Assert.Equal("first", first["payload"]!["data"]!["events"]!.GetValue<string>());
        Assert.Equal("second", second["payload"]!["data"]!["events"]!.GetValue<string>());
        Assert.Equal(("complete", "s1"), (complete["type"]!.GetValue<string>(), complete["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Complete_FromClient_DisposesTheEventStreamSubscription()
    {
        await using var client = await InitialisedAsync();
        var topic = NewTopic();
        await client.SendAsync(Subscribe("s1", EventsQuery(topic)));
        await _host.Events.WaitForSubscribersAsync(topic, 1);

        await client.SendAsync(new { type = "complete", id = "s1" });

        await _host.Events.WaitForSubscribersAsync(topic, 0);
        // The id is free again, and the socket still works.
        await client.SendAsync(Subscribe("s1", "{ hello }"));
        Assert.Equal(("next", "s1"), Describe(await client.ReceiveAsync()));
    }

    [Fact]
    public async Task Close_FromClient_DisposesTheEventStreamSubscription()
    {
        var topic = NewTopic();
        await using (var client = await InitialisedAsync())
        {
            await client.SendAsync(Subscribe("s1", EventsQuery(topic)));
            await _host.Events.WaitForSubscribersAsync(topic, 1);
        }

        await _host.Events.WaitForSubscribersAsync(topic, 0);
    }

    private static (string Type, string Id) Describe(JsonObject message) => (message["type"]!.GetValue<string>(), message["id"]!.GetValue<string>());

    private Task<WebSocketTestClient> ConnectAsync() => WebSocketTestClient.ConnectAsync(_host.Endpoint, Protocol);

    private async Task<WebSocketTestClient> InitialisedAsync()
    {
        var client = await ConnectAsync();
        await client.SendAsync(new { type = "connection_init", payload = new { } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
        return client;
    }

    internal static string NewTopic() => "topic-" + Guid.NewGuid().ToString("N");

    internal static string EventsQuery(string topic) => $"subscription {{ events(topic: \"{topic}\") }}";

    private static object Subscribe(string id, string query, string? operationName = null) =>
        new { type = "subscribe", id, payload = new { query, operationName } };
}
