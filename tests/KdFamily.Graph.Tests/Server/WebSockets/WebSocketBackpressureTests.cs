using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using static KdFamily.Graph.Tests.Server.WebSockets.GraphQLTransportWsTests;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>A client that stops reading is disconnected once its bounded outgoing queue fills; server memory does not grow with it.</summary>
public sealed class WebSocketBackpressureTests : IClassFixture<WebSocketTestHost>
{
    private readonly WebSocketTestHost _host;

    public WebSocketBackpressureTests(WebSocketTestHost host) => _host = host;

    [Fact]
    public async Task Subscription_ClientNeverReads_IsDisconnectedWithTheQueueBounded()
    {
        var topic = NewTopic();
        var disconnectsBefore = _host.Metrics.SlowConsumerDisconnects;
        // A tiny receive window so the kernel buffers fill quickly; the client never reads after the handshake.
        using var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        await tcp.ConnectAsync(_host.Endpoint.Host, _host.Endpoint.Port);
        var stream = tcp.GetStream();
        await UpgradeAsync(stream, _host.Endpoint);
        await SendTextFrameAsync(stream, "{\"type\":\"connection_init\"}");
        await SendTextFrameAsync(stream, $"{{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{{\"query\":\"{EventsQuery(topic).Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}}}");
        await _host.Events.WaitForSubscribersAsync(topic, 1);

        var payload = new string('x', 8 * 1024);
        for (var i = 0; i < 50_000 && _host.Metrics.SlowConsumerDisconnects == disconnectsBefore; i++)
        {
            _host.Events.Publish(topic, payload);
            if (i % 100 == 0)
            {
                await Task.Yield();
            }
        }

        Assert.True(_host.Metrics.SlowConsumerDisconnects != disconnectsBefore, "The client that never reads was not disconnected within 50 000 events.");

        // The stream is released, the connection is counted as a slow consumer, and the queue never outgrew its capacity.
        await _host.Events.WaitForSubscribersAsync(topic, 0);
        Assert.True(_host.Metrics.SlowConsumerDisconnects > disconnectsBefore, "The non-reading client was not disconnected.");
        Assert.InRange(_host.Metrics.PeakQueueLength, 1, WebSocketTestHost.QueueCapacity);
        // The socket is gone from the client's side too: draining it ends (FIN or reset) instead of blocking.
        Assert.True(await EndsAsync(stream), "The server did not close the socket.");
    }

    internal static async Task<bool> EndsAsync(NetworkStream stream)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[64 * 1024];
        try
        {
            while (await stream.ReadAsync(buffer, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true; // connection reset by the server's abort
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    internal static async Task UpgradeAsync(NetworkStream stream, Uri endpoint)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {endpoint.AbsolutePath} HTTP/1.1\r\nHost: {endpoint.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        // Read the response head byte by byte so no frame after it is consumed.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one));
            head.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A single masked text frame (clients must mask, RFC 6455 §5.3).</summary>
    internal static async Task SendTextFrameAsync(NetworkStream stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new List<byte> { 0x81 };
        if (payload.Length < 126)
        {
            frame.Add((byte)(0x80 | payload.Length));
        }
        else
        {
            frame.Add(0x80 | 126);
            frame.Add((byte)(payload.Length >> 8));
            frame.Add((byte)payload.Length);
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        frame.AddRange(mask);
        frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
        await stream.WriteAsync(frame.ToArray());
    }
}
