using System.Text.Json.Nodes;
using static KdFamily.Graph.Tests.Server.WebSockets.GraphQLTransportWsTests;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>The legacy subprotocol <c>graphql-ws</c> (subscriptions-transport-ws) over a real socket.</summary>
public sealed class SubscriptionsTransportWsTests : IClassFixture<WebSocketTestHost>
{
    private const string Protocol = "graphql-ws";
    private readonly WebSocketTestHost _host;

    public SubscriptionsTransportWsTests(WebSocketTestHost host) => _host = host;

    [Fact]
    public async Task ConnectionInit_Anonymous_AckedThenKeepAliveAtOnceAndPeriodically()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync(new { type = "connection_init", payload = new { } });

        Assert.Equal("connection_ack", Type(await client.ReceiveAsync(includeKeepAlives: true)));
        Assert.Equal("ka", Type(await client.ReceiveAsync(includeKeepAlives: true)));
        Assert.Equal("ka", Type(await client.ReceiveAsync(includeKeepAlives: true)));
    }

    [Fact]
    public async Task ConnectionInit_InvalidToken_SendsConnectionErrorAndCloses()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer not-a-jwt" } });

        var (messages, code, _) = await client.ReceiveUntilCloseAsync();
        Assert.Equal(["connection_error"], messages.Select(Type));
        Assert.Equal(4403, code);
    }

    [Fact]
    public async Task Token_ExpiresDuringConnection_SendsConnectionErrorAndCloses()
    {
        await using var client = await ConnectAsync();
        var token = WebSocketTestHost.IssueToken("carol", TimeSpan.FromSeconds(3));
        await client.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", Type(await client.ReceiveAsync()));

        var (messages, code, _) = await client.ReceiveUntilCloseAsync();

        Assert.Equal(["connection_error"], messages.Select(Type));
        Assert.Equal(4403, code);
    }

    [Fact]
    public async Task Message_NotJson_SendsConnectionErrorAndKeepsTheSocket()
    {
        await using var client = await InitialisedAsync();

        await client.SendRawAsync("{not json");

        Assert.Equal("connection_error", Type(await client.ReceiveAsync()));
        await client.SendAsync(Start("q", "{ hello }"));
        Assert.Equal("data", Type(await client.ReceiveAsync()));
    }

    [Fact]
    public async Task Start_Query_SendsDataThenComplete()
    {
        await using var client = await InitialisedAsync();
        var token = WebSocketTestHost.IssueToken("dave", TimeSpan.FromHours(1));
        await using var authed = await InitialisedAsync(new { authorization = "Bearer " + token });

        await client.SendAsync(Start("q1", "{ hello }"));
        await authed.SendAsync(Start("q2", "{ whoami }"));

        var data = await client.ReceiveAsync();
        Assert.Equal(("data", "q1"), Describe(data));
        Assert.Equal("world", data["payload"]!["data"]!["hello"]!.GetValue<string>());
        Assert.Equal(("complete", "q1"), Describe(await client.ReceiveAsync()));
        Assert.Equal("dave", (await authed.ReceiveAsync())["payload"]!["data"]!["whoami"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_InvalidDocument_SendsError()
    {
        await using var client = await InitialisedAsync();

        await client.SendAsync(Start("bad", "{ nope }"));

        var error = await client.ReceiveAsync();
        Assert.Equal(("error", "bad"), Describe(error));
        Assert.Contains("nope", error["payload"]!["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BeforeInit_SendsError()
    {
        await using var client = await ConnectAsync();

        await client.SendAsync(Start("early", "{ hello }"));

        Assert.Equal(("error", "early"), Describe(await client.ReceiveAsync()));
    }

    [Fact]
    public async Task Start_Subscription_StreamsDataAndCompletesWhenTheStreamEnds()
    {
        await using var client = await InitialisedAsync();
        var topic = NewTopic();
        await client.SendAsync(Start("s1", EventsQuery(topic)));
        await _host.Events.WaitForSubscribersAsync(topic, 1);

        _host.Events.Publish(topic, "one");
        _host.Events.Complete(topic);

        var data = await client.ReceiveAsync();
        Assert.Equal(("data", "s1"), Describe(data));
        Assert.Equal("one", data["payload"]!["data"]!["events"]!.GetValue<string>());
        Assert.Equal(("complete", "s1"), Describe(await client.ReceiveAsync()));
    }

    [Fact]
    public async Task Stop_ActiveSubscription_DisposesTheStreamAndSendsComplete()
    {
        await using var client = await InitialisedAsync();
        var topic = NewTopic();
        await client.SendAsync(Start("s1", EventsQuery(topic)));
        await _host.Events.WaitForSubscribersAsync(topic, 1);

        await client.SendAsync(new { type = "stop", id = "s1" });

        Assert.Equal(("complete", "s1"), Describe(await client.ReceiveAsync()));
        await _host.Events.WaitForSubscribersAsync(topic, 0);
    }

    [Fact]
    public async Task ConnectionTerminate_ClosesTheSocketAndItsSubscriptions()
    {
        await using var client = await InitialisedAsync();
        var topic = NewTopic();
        await client.SendAsync(Start("s1", EventsQuery(topic)));
        await _host.Events.WaitForSubscribersAsync(topic, 1);

        await client.SendAsync(new { type = "connection_terminate" });

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        await _host.Events.WaitForSubscribersAsync(topic, 0);
    }

    [Fact]
    public async Task ConnectionInit_NotSentInTime_SendsConnectionErrorAndClosesWith4408()
    {
        await using var client = await ConnectAsync();

        var (messages, code, _) = await client.ReceiveUntilCloseAsync();

        Assert.Equal(["connection_error"], messages.Select(Type));
        Assert.Equal(4408, code);
    }

    private static string Type(JsonObject message) => message["type"]!.GetValue<string>();

    private static (string Type, string Id) Describe(JsonObject message) => (Type(message), message["id"]!.GetValue<string>());

    private static object Start(string id, string query) => new { type = "start", id, payload = new { query } };

    private Task<WebSocketTestClient> ConnectAsync() => WebSocketTestClient.ConnectAsync(_host.Endpoint, Protocol);

    private async Task<WebSocketTestClient> InitialisedAsync(object? payload = null)
    {
        var client = await ConnectAsync();
        await client.SendAsync(new { type = "connection_init", payload = payload ?? new { } });
        Assert.Equal("connection_ack", Type(await client.ReceiveAsync()));
        return client;
    }
}
