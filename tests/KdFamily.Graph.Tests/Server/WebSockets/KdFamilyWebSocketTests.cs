using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using NodaTime;
using static KdFamily.Graph.Tests.Server.WebSockets.WebSocketReferenceClientTests;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>The real host (KdFamilySchema) serves both WebSocket subprotocols at /graphql next to the HTTP transport.</summary>
public sealed class KdFamilyWebSocketTests : IClassFixture<KestrelApiFactory>
{
    private readonly KestrelApiFactory _factory;

    public KdFamilyWebSocketTests(KestrelApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("ws-client.mjs")]
    [InlineData("legacy-ws-client.mjs")]
    public async Task Query_OverWebSocket_ReturnsDataThenComplete(string script)
    {
        var endpoint = WebSocketEndpoint(_factory.Address);

        var result = await NodeScript.RunAsync(script, endpoint.ToString(), "{ __typename }");

        Assert.True(result.ExitCode == 0, result.Describe());
        var next = Lines(result).Single(e => Event(e) == "next");
        Assert.Equal("Query", next["payload"]!["data"]!["__typename"]!.GetValue<string>());
        Assert.Contains(Lines(result), e => Event(e) == "complete");
    }

    [Fact]
    public async Task Me_WithAccessTokenInConnectionInit_ReturnsTheCaller()
    {
        var endpoint = WebSocketEndpoint(_factory.Address);
        var seed = FamilySeed.Create("Sockets", 2, 0, SystemClock.Instance.GetCurrentInstant());
        await seed.SaveAsync(_factory.Services);
        var user = seed.Members[1];
        var token = TestTokens.For(_factory.Services, user);

        await using var client = await WebSocketTestClient.ConnectAsync(endpoint, "graphql-transport-ws");
        await client.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
        await client.SendAsync(new { type = "subscribe", id = "me", payload = new { query = "{ me { username } }" } });

        var next = await client.ReceiveAsync();
        Assert.Equal(user.Username, next["payload"]!["data"]!["me"]!["username"]!.GetValue<string>());
    }

    /// <summary>
    /// The sockets are served ahead of the authentication middleware (Program.cs): a bearer token on the upgrade request
    /// still authenticates the socket when <c>connection_init</c> carries none, and its session is still checked.
    /// </summary>
    [Fact]
    public async Task Me_WithAccessTokenOnTheUpgradeRequest_ReturnsTheCaller()
    {
        var endpoint = WebSocketEndpoint(_factory.Address);
        var seed = FamilySeed.Create("UpgradeAuth", 2, 0, SystemClock.Instance.GetCurrentInstant());
        await seed.SaveAsync(_factory.Services);
        var user = seed.Members[1];
        var token = TestTokens.For(_factory.Services, user);

        await using var client = await WebSocketTestClient.ConnectWithAuthorizationAsync(endpoint, "Bearer " + token, "graphql-transport-ws");
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
        await client.SendAsync(new { type = "subscribe", id = "me", payload = new { query = "{ me { username } }" } });

        var next = await client.ReceiveAsync();
        Assert.Equal(user.Username, next["payload"]!["data"]!["me"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_WithABadTokenOnTheUpgradeRequest_IsAnonymous()
    {
        var endpoint = WebSocketEndpoint(_factory.Address);

        await using var client = await WebSocketTestClient.ConnectWithAuthorizationAsync(endpoint, "Bearer not-a-token", "graphql-transport-ws");
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
        await client.SendAsync(new { type = "subscribe", id = "me", payload = new { query = "{ me { username } }" } });

        // Refused by validation (`error`, a GraphQLError[]) or in execution (`next` with errors): anonymous either way.
        var answer = await client.ReceiveAsync();
        var errors = answer["type"]!.GetValue<string>() == "error" ? answer["payload"] : answer["payload"]!["errors"];
        Assert.Equal("AUTH_NOT_AUTHENTICATED", errors![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private static Uri WebSocketEndpoint(Uri http) => new(new Uri(http.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), "/graphql");
}
