using System.Net.Sockets;
using static KdFamily.Graph.Tests.Server.WebSockets.GraphQLTransportWsTests;
using static KdFamily.Graph.Tests.Server.WebSockets.WebSocketBackpressureTests;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>
/// A client that stops reading large messages holds at most <see cref="WebSocketTestHost.QueueMaxBytes"/> of server
/// memory (the queue used to be bounded in messages only: 1000 large events grew the process by 148 MB), and its
/// disconnect is counted once however many publishers hit the full queue at the same moment. A host of its own, so the
/// peak gauges only see these tests.
/// </summary>
public sealed class WebSocketOutgoingBytesTests(WebSocketTestHost host) : IClassFixture<WebSocketTestHost>
{
    private const int PayloadBytes = 64 * 1024;

    [Fact]
    public async Task Subscription_ClientNeverReadsLargeEvents_IsDisconnectedWithinTheByteBudget()
    {
        var disconnectsBefore = host.Metrics.SlowConsumerDisconnects;
        var (tcp, topic) = await OpenNonReadingSubscriberAsync(subscriptions: 1);
        using (tcp)
        {
            var payload = new string('x', PayloadBytes);
            for (var i = 0; i < 10_000 && host.Metrics.SlowConsumerDisconnects == disconnectsBefore; i++)
            {
                host.Events.Publish(topic, payload);
                await Task.Yield();
            }

            Assert.True(host.Metrics.SlowConsumerDisconnects != disconnectsBefore, "The client that never reads was not disconnected within 10 000 events.");
            await host.Events.WaitForSubscribersAsync(topic, 0);
            Assert.Equal(disconnectsBefore + 1, host.Metrics.SlowConsumerDisconnects);
            // Events of 64 KiB against a budget of 256 KiB: at most 3 of them ever waited (before the byte bound, the queue
            // filled all its 64 places: 4 MiB; with production's 1000 places one slow socket grew the process by 148 MB).
            Assert.InRange(host.Metrics.PeakQueuedBytes, PayloadBytes, WebSocketTestHost.QueueMaxBytes);
            Assert.True(await EndsAsync(tcp.GetStream()), "The server did not close the socket.");
        }
    }

    [Fact]
    public async Task SlowConsumer_HitByManyPublishersAtOnce_IsCountedOnce()
    {
        var disconnectsBefore = host.Metrics.SlowConsumerDisconnects;
        var (tcp, topic) = await OpenNonReadingSubscriberAsync(subscriptions: 16);
        using (tcp)
        {
            var payload = new string('y', PayloadBytes);
            using var start = new Barrier(8);
            var publishers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 2_000 && host.Events.SubscriberCount(topic) > 0; i++)
                {
                    host.Events.Publish(topic, payload);
                }
            }));
            await Task.WhenAll(publishers);

            await host.Events.WaitForSubscribersAsync(topic, 0);
            Assert.Equal(disconnectsBefore + 1, host.Metrics.SlowConsumerDisconnects);
            Assert.True(await EndsAsync(tcp.GetStream()), "The server did not close the socket.");
        }
    }

    /// <summary>A graphql-transport-ws socket with <paramref name="subscriptions"/> subscriptions to a fresh topic, which never reads after the upgrade.</summary>
    private async Task<(TcpClient Tcp, string Topic)> OpenNonReadingSubscriberAsync(int subscriptions)
    {
        var topic = NewTopic();
        var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        await tcp.ConnectAsync(host.Endpoint.Host, host.Endpoint.Port);
        var stream = tcp.GetStream();
        await UpgradeAsync(stream, host.Endpoint);
        await SendTextFrameAsync(stream, "{\"type\":\"connection_init\"}");
        var query = EventsQuery(topic).Replace("\"", "\\\"", StringComparison.Ordinal);
        for (var id = 1; id <= subscriptions; id++)
        {
            await SendTextFrameAsync(stream, $"{{\"type\":\"subscribe\",\"id\":\"{id}\",\"payload\":{{\"query\":\"{query}\"}}}}");
        }

        await host.Events.WaitForSubscribersAsync(topic, subscriptions);
        return (tcp, topic);
    }
}
