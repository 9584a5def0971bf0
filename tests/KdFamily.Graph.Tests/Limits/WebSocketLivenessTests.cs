using System.Diagnostics;
using System.Net.WebSockets;
using GraphQLServer.WebSockets;
using KdFamily.Graph.Tests.Server.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Limits;

/// <summary>Sockets that never initialise, or stop answering keep-alives, are closed by the server on time.</summary>
public sealed class WebSocketLivenessTests(WebSocketLivenessTests.Factory factory, ITestOutputHelper output) : IClassFixture<WebSocketLivenessTests.Factory>
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    public sealed class Factory : LimitedApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>
        {
            ["GraphQL:WebSockets:ConnectionInitTimeout"] = "00:00:02",
            ["GraphQL:WebSockets:CloseTimeout"] = "00:00:02",
            ["GraphQL:WebSockets:KeepAliveInterval"] = "00:00:00.500",
            ["GraphQL:WebSockets:PongTimeout"] = "00:00:01",
        };
    }

    [Theory]
    [InlineData("graphql-transport-ws")]
    [InlineData("graphql-ws")]
    public async Task ThreeHundredSocketsThatNeverInitialise_AreAllClosedWith4408AfterTheInitTimeout(string protocol)
    {
        _ = factory.Address;
        var metrics = factory.Services.GetRequiredService<GraphQLWebSocketMetrics>();
        var before = metrics.ActiveConnections;
        var watch = Stopwatch.StartNew();
        var sockets = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => LimitsTestUsers.ConnectAsync(factory.WebSocketEndpoint, protocol)));
        try
        {
            // Each reads (and so answers the server's PING frames) but never sends connection_init.
            var closes = sockets.Select(CloseCodeAsync).ToArray();
            output.WriteLine($"300 connected after {watch.Elapsed.TotalSeconds:F1} s");

            var codes = await Task.WhenAll(closes);
            output.WriteLine($"all 300 got their close frame after {watch.Elapsed.TotalSeconds:F1} s");
            Assert.All(codes, code => Assert.Equal(4408, code));
            Assert.True(watch.Elapsed < InitTimeout + TimeSpan.FromSeconds(5), $"the last close came after {watch.Elapsed.TotalSeconds:F1} s");

            while (metrics.ActiveConnections > before)
            {
                Assert.True(watch.Elapsed < InitTimeout + CloseTimeout + TimeSpan.FromSeconds(5), $"{metrics.ActiveConnections - before} sockets still open on the server after {watch.Elapsed.TotalSeconds:F1} s");
                await Task.Delay(100);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public async Task GraphQLTransportWs_ClientThatStopsAnsweringPings_IsClosed()
    {
        await using var client = await WebSocketTestClient.ConnectAsync(factory.WebSocketEndpoint, "graphql-transport-ws");
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
        var watch = Stopwatch.StartNew();

        // Reads everything (so WebSocket PONG frames go back) but never sends `pong`.
        var closed = client.ReceiveUntilCloseAsync();
        Assert.True(await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(10))) == closed, "the socket is still open 10 s after its last pong");
        var (_, code, reason) = await closed;

        Assert.Equal((1008, "No pong received in reply to ping"), (code, reason));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 10);
    }

    [Fact]
    public async Task GraphQLTransportWs_ClientThatAnswersPings_StaysOpen()
    {
        await using var client = await WebSocketTestClient.ConnectAsync(factory.WebSocketEndpoint, "graphql-transport-ws");
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());

        for (var pings = 0; pings < 8; pings++)
        {
            var message = await client.ReceiveAsync(includeKeepAlives: true);
            Assert.Equal("ping", message["type"]!.GetValue<string>());
            await client.SendAsync(new { type = "pong" });
        }

        await client.SendAsync(new { type = "subscribe", id = "1", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await client.ReceiveAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task LegacyGraphQLWs_ClientThatStopsReading_IsAbortedWhenItsPongFramesStop()
    {
        _ = factory.Address;
        var metrics = factory.Services.GetRequiredService<GraphQLWebSocketMetrics>();
        var before = metrics.ActiveConnections;
        using var socket = await LimitsTestUsers.ConnectAsync(factory.WebSocketEndpoint, "graphql-ws");
        await socket.SendAsync("""{"type":"connection_init"}"""u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var watch = Stopwatch.StartNew();

        // A ClientWebSocket answers PING frames only while something reads it: from here on nothing does.
        while (metrics.ActiveConnections > before)
        {
            // PongTimeout is 1 s; the deadline is generous because the whole suite shares two cores with this check.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "a socket that answers no PING frame is still open after 30 s");
            await Task.Delay(100);
        }
    }

    private static async Task<int?> CloseCodeAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return (int?)result.CloseStatus;
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }
}
