using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>A raw <see cref="ClientWebSocket"/> speaking JSON messages, for protocol-level assertions.</summary>
public sealed class WebSocketTestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;

    private WebSocketTestClient(ClientWebSocket socket) => _socket = socket;

    public string? SubProtocol => _socket.SubProtocol;

    public static Task<WebSocketTestClient> ConnectAsync(Uri endpoint, params string[] subProtocols) =>
        ConnectWithAuthorizationAsync(endpoint, authorization: null, subProtocols);

    /// <summary>Connects with an <c>Authorization</c> header on the upgrade request (as server-side clients can send).</summary>
    public static async Task<WebSocketTestClient> ConnectWithAuthorizationAsync(Uri endpoint, string? authorization, params string[] subProtocols)
    {
        var socket = new ClientWebSocket();
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }

        foreach (var subProtocol in subProtocols)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        await socket.ConnectAsync(endpoint, CancellationToken.None);
        return new WebSocketTestClient(socket);
    }

    /// <summary>A graphql-transport-ws socket, acknowledged with <paramref name="token"/> in <c>connection_init</c>.</summary>
    public static async Task<WebSocketTestClient> ConnectAcknowledgedAsync(Uri endpoint, string token)
    {
        var socket = await ConnectAsync(endpoint, "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        return socket;
    }

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>
    /// The next message; keep-alives (<c>ping</c> from the server, <c>ka</c>) are skipped unless
    /// <paramref name="includeKeepAlives"/>. Fails if the socket closes first.
    /// </summary>
    public async Task<JsonObject> ReceiveAsync(bool includeKeepAlives = false)
    {
        while (true)
        {
            var (message, close) = await ReceiveFrameAsync();
            if (message is null)
            {
                Assert.Fail($"Expected a message, but the server closed the socket with {close.Code} \"{close.Reason}\".");
            }

            var type = message["type"]?.GetValue<string>();
            if (includeKeepAlives || (type != "ka" && type != "ping"))
            {
                return message;
            }
        }
    }

    /// <summary>Reads (and ignores) messages until the server's close frame; returns its code and reason.</summary>
    public async Task<(int? Code, string? Reason)> ReceiveCloseAsync()
    {
        while (true)
        {
            var (message, close) = await ReceiveFrameAsync();
            if (message is null)
            {
                return close;
            }
        }
    }

    /// <summary>Messages until the server's close frame, with the close code; for "what did the server send before closing".</summary>
    public async Task<(List<JsonObject> Messages, int? Code, string? Reason)> ReceiveUntilCloseAsync()
    {
        var messages = new List<JsonObject>();
        while (true)
        {
            var (message, close) = await ReceiveFrameAsync();
            if (message is null)
            {
                return (messages, close.Code, close.Reason);
            }

            if (message["type"]?.GetValue<string>() is not ("ka" or "ping"))
            {
                messages.Add(message);
            }
        }
    }

    private async Task<(JsonObject? Message, (int? Code, string? Reason) Close)> ReceiveFrameAsync()
    {
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        WebSocketReceiveResult result;
        try
        {
            do
            {
                result = await _socket.ReceiveAsync(chunk, timeout.Token);
                buffer.Write(chunk, 0, result.Count);
            }
            while (!result.EndOfMessage);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Nothing received within {ReceiveTimeout}.");
            throw;
        }

        if (result.MessageType == WebSocketMessageType.Close)
        {
            if (_socket.State == WebSocketState.CloseReceived)
            {
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    // The server drops the connection when the client's answer takes longer than its close timeout (1 s
                    // in the test hosts, easily spent on a loaded machine): the close it sent is what the tests read.
                }
            }

            return (null, ((int?)result.CloseStatus, result.CloseStatusDescription));
        }

        return (JsonNode.Parse(buffer.ToArray())!.AsObject(), default);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already going away; nothing to assert here.
            }
        }

        _socket.Dispose();
    }
}
