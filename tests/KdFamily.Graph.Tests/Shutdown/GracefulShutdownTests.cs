using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Testing;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Shutdown;

/// <summary>
/// README "Shutdown": the real host as its own process gets SIGTERM (as from <c>docker stop</c> or Kubernetes) while it
/// holds live subscriptions on both WebSocket subprotocols and over SSE, and one HTTP request is half received.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    /// <summary>Well under the 30 s the host used to wait for its open sockets before cutting them.</summary>
    private static readonly TimeSpan PromptExit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_ClosesSocketsWithGoingAway_CompletesStreams_FinishesInFlightRequests_AndExitsPromptly()
    {
        await using var host = await HostProcess.StartAsync(TestServers.Redis.ConnectionString);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var username = AuthApiClient.NewName("sd");
        var registered = await http.RegisterAsync(username);
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

        using var sse = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var firstStream = await OpenEventStreamAsync(sse, subscription, token);
        using var secondStream = await OpenEventStreamAsync(sse, subscription, token);

        // Every subscription is live: one event reaches all four.
        var created = await http.PostGraphQLAsync(
            "mutation { createTask(input: {title: \"Before shutdown\", points: 1}) { task { id } } }", accessToken: token);
        var taskId = created["data"]!["createTask"]!["task"]!["id"]!.GetValue<string>();
        Assert.Equal(taskId, (await modern.ReceiveAsync())["payload"]!["data"]!["taskCreated"]!["id"]!.GetValue<string>());
        Assert.Equal(taskId, (await legacy.ReceiveAsync())["payload"]!["data"]!["taskCreated"]!["id"]!.GetValue<string>());
        foreach (var stream in new[] { firstStream, secondStream })
        {
            var next = await stream.Reader.ReadEventAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("next", next?.Event);
            Assert.Equal(taskId, JsonNode.Parse(next!.Data!)!["data"]!["taskCreated"]!["id"]!.GetValue<string>());
        }

        // An HTTP request the server is in the middle of: it has read the headers and waits for the body.
        using var inFlight = await InFlightRequest.StartAsync(host.BaseAddress, "{ me { username } }", token);

        var clock = Stopwatch.StartNew();
        host.SendSigterm();

        var modernClose = modern.ReceiveCloseAsync();
        var legacyClose = legacy.ReceiveCloseAsync();
        var firstEnd = ReadToEndAsync(firstStream.Reader);
        var secondEnd = ReadToEndAsync(secondStream.Reader);
        Assert.Equal(((int?)WebSocketCloseStatus.EndpointUnavailable, "Server is shutting down"), await modernClose);
        Assert.Equal(((int?)WebSocketCloseStatus.EndpointUnavailable, "Server is shutting down"), await legacyClose);
        var socketsClosed = clock.Elapsed;
        Assert.Equal("complete", await firstEnd);
        Assert.Equal("complete", await secondEnd);
        var streamsEnded = clock.Elapsed;

        var response = await inFlight.FinishAsync();
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains(username, response, StringComparison.Ordinal);

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(60)), "The host did not exit within 60 s of SIGTERM.");
        var exited = clock.Elapsed;
        output.WriteLine($"after SIGTERM: sockets closed (1001) at {socketsClosed.TotalMilliseconds:F0} ms, " +
                         $"streams completed at {streamsEnded.TotalMilliseconds:F0} ms, process exited at {exited.TotalMilliseconds:F0} ms");
        Assert.True(exited < PromptExit, $"The host took {exited} to exit after SIGTERM:\n{host.Describe()}");
        Assert.Equal(0, host.ExitCode);
    }

    private static async Task<EventStream> OpenEventStreamAsync(HttpClient client, string query, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        // The stream opens with a keep-alive comment, flushed once the subscription is set up.
        Assert.True((await reader.ReadAsync())?.IsComment);
        return new EventStream(request, response, reader);
    }

    /// <summary>The last event's name once the stream ends ("complete" for an orderly end); fails if it does not end within 30 s.</summary>
    private static async Task<string?> ReadToEndAsync(EventStreamReader reader)
    {
        string? last = null;
        try
        {
            while (await reader.ReadEventAsync(TimeSpan.FromSeconds(30)) is { } message)
            {
                last = message.Event;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return $"cut ({ex.GetType().Name}) after {last ?? "nothing"}";
        }

        return last;
    }

    private sealed record EventStream(HttpRequestMessage Request, HttpResponseMessage Response, EventStreamReader Reader) : IDisposable
    {
        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
            Request.Dispose();
        }
    }

    /// <summary>
    /// A POST /graphql sent over a raw socket with <c>Expect: 100-continue</c>: once the server answers 100 the request
    /// is in the application's hands, waiting for its body, which <see cref="FinishAsync"/> sends.
    /// </summary>
    private sealed class InFlightRequest(TcpClient tcp, byte[] body) : IDisposable
    {
        public static async Task<InFlightRequest> StartAsync(Uri baseAddress, string query, string token)
        {
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query }));
            var tcp = new TcpClient();
            await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
            var head = $"POST /graphql HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/json\r\n" +
                       $"Accept: application/json\r\nAuthorization: Bearer {token}\r\nContent-Length: {body.Length}\r\n" +
                       "Expect: 100-continue\r\nConnection: close\r\n\r\n";
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var interim = await ReadHeadAsync(stream);
            Assert.StartsWith("HTTP/1.1 100", interim, StringComparison.Ordinal);
            return new InFlightRequest(tcp, body);
        }

        /// <summary>Sends the body and returns the whole response (the server closes the connection after it).</summary>
        public async Task<string> FinishAsync()
        {
            var stream = tcp.GetStream();
            await stream.WriteAsync(body);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = new MemoryStream();
            await stream.CopyToAsync(response, deadline.Token);
            return Encoding.UTF8.GetString(response.ToArray());
        }

        public void Dispose() => tcp.Dispose();

        private static async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                Assert.Equal(1, await stream.ReadAsync(one, deadline.Token));
                head.Append((char)one[0]);
            }

            return head.ToString();
        }
    }
}
