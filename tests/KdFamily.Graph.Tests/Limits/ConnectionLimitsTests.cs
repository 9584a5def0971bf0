using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using KdFamily.Graph.Tests.Server.WebSockets;

namespace KdFamily.Graph.Tests.Limits;

/// <summary>Caps on WebSockets per IP address and per user, operations per socket and event streams per user.</summary>
public sealed class ConnectionLimitsTests(ConnectionLimitsTests.Factory factory) : IClassFixture<ConnectionLimitsTests.Factory>
{
    private const string Subscription = "subscription { systemMaintenance { message } }";

    public sealed class Factory : LimitedApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>
        {
            ["GraphQL:Limits:WebSocketsPerIp"] = "3",
            ["GraphQL:Limits:WebSocketsPerUser"] = "2",
            ["GraphQL:Limits:SseStreamsPerUser"] = "1",
            ["GraphQL:WebSockets:MaxOperationsPerSocket"] = "2",
            // Sockets of each test come from an address of their own, as clients behind the trusted loopback proxy.
            ["ForwardedHeaders:Enabled"] = "true",
        };
    }

    [Fact]
    public async Task WebSocket_OverThePerAddressCapAcrossTwoInstances_ClosesWith4429UntilOneCloses()
    {
        await using var second = factory.Twin<Factory>();
        var secondEndpoint = second.WebSocketEndpoint;
        const string address = "127.8.0.1";
        var open = new List<ClientWebSocket>
        {
            await LimitsTestUsers.ConnectAsync(factory.WebSocketEndpoint, "graphql-transport-ws", address),
            await LimitsTestUsers.ConnectAsync(factory.WebSocketEndpoint, "graphql-ws", address),
            await LimitsTestUsers.ConnectAsync(secondEndpoint, "graphql-transport-ws", address),
        };
        try
        {
            using (var refused = await LimitsTestUsers.ConnectAsync(secondEndpoint, "graphql-transport-ws", address))
            {
                Assert.Equal(4429, await ReceiveCloseCodeAsync(refused));
            }

            // Another address is not limited by this one.
            using (var other = await LimitsTestUsers.ConnectAsync(secondEndpoint, "graphql-transport-ws", "127.8.0.2"))
            {
                await AssertAcknowledgedAsync(other, token: null);
            }

            await open[0].CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            await Eventually(async () =>
            {
                using var again = await LimitsTestUsers.ConnectAsync(secondEndpoint, "graphql-transport-ws", address);
                await AssertAcknowledgedAsync(again, token: null);
            });
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    [Theory]
    [InlineData("graphql-transport-ws")]
    [InlineData("graphql-ws")]
    public async Task WebSocket_ThirdSocketOfAUser_ClosesWith4429AtConnectionInit(string protocol)
    {
        var token = (await LimitsTestUsers.TokensAsync(factory, 1))[0];
        await using var first = await InitialisedAsync(protocol, token);
        await using var secondSocket = await InitialisedAsync(protocol, token);

        await using var third = await WebSocketTestClient.ConnectAsync(factory.WebSocketEndpoint, protocol);
        await third.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });

        var (_, code, reason) = await third.ReceiveUntilCloseAsync().Within(10, "the third socket's close");
        Assert.Equal((4429, "Too many open WebSockets for this user (at most 2)."), (code, reason));
    }

    [Fact]
    public async Task WebSocket_OperationOverThePerSocketCap_GetsARateLimitedErrorAndTheSocketStaysUsable()
    {
        var token = (await LimitsTestUsers.TokensAsync(factory, 1))[0];
        await using var socket = await InitialisedAsync("graphql-transport-ws", token);
        await socket.SendAsync(new { type = "subscribe", id = "a", payload = new { query = Subscription } });
        await socket.SendAsync(new { type = "subscribe", id = "b", payload = new { query = Subscription } });

        await socket.SendAsync(new { type = "subscribe", id = "c", payload = new { query = Subscription } });
        var refused = await socket.ReceiveAsync().Within(10, "the refusal of the third operation");
        Assert.Equal(("error", "c"), (refused["type"]!.GetValue<string>(), refused["id"]!.GetValue<string>()));
        Assert.Equal("RATE_LIMITED", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        await socket.SendAsync(new { type = "complete", id = "a" });
        await socket.SendAsync(new { type = "subscribe", id = "d", payload = new { query = "{ me { id } }" } });
        var next = await socket.ReceiveAsync().Within(10, "the result of the query");
        Assert.Equal(("next", "d"), (next["type"]!.GetValue<string>(), next["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sse_SecondStreamOfAUser_Answers429UntilTheFirstEnds()
    {
        var token = (await LimitsTestUsers.TokensAsync(factory, 1))[0];
        using var client = new HttpClient { BaseAddress = factory.Address };

        var first = await OpenStreamAsync(client, token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await OpenStreamAsync(client, token))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
            Assert.NotNull(second.Headers.RetryAfter);
            var body = await second.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
            Assert.Equal("RATE_LIMITED", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }

        first.Dispose();
        await Eventually(async () =>
        {
            using var again = await OpenStreamAsync(client, token);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        });
    }

    private static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = JsonContent.Create(new { query = Subscription }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<WebSocketTestClient> InitialisedAsync(string protocol, string token)
    {
        var client = await WebSocketTestClient.ConnectAsync(factory.WebSocketEndpoint, protocol);
        await client.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
        return client;
    }

    private static async Task AssertAcknowledgedAsync(ClientWebSocket socket, string? token)
    {
        var init = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { type = "connection_init", payload = token is null ? null : new { authorization = "Bearer " + token } });
        await socket.SendAsync(init, WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.True(result.MessageType == WebSocketMessageType.Text, $"closed with {result.CloseStatus} {result.CloseStatusDescription}");
        Assert.Contains("connection_ack", System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count), StringComparison.Ordinal);
    }

    private static async Task<int?> ReceiveCloseCodeAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (int?)result.CloseStatus;
            }
        }
    }

    /// <summary>Retries <paramref name="attempt"/> until it passes; fails with its last failure after 10 s.</summary>
    private static async Task Eventually(Func<Task> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
