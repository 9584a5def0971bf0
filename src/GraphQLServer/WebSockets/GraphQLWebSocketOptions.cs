using System.ComponentModel.DataAnnotations;

namespace GraphQLServer.WebSockets;

/// <summary>Settings of the GraphQL WebSocket transports (both subprotocols).</summary>
public sealed class GraphQLWebSocketOptions
{
    /// <summary>
    /// How long a socket may stay open without a <c>connection_init</c> before it is closed with 4408
    /// (graphql-ws' default is 3 s; Hot Chocolate uses 10 s).
    /// </summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Interval of the server's keep-alive messages after the ack: <c>ping</c> (graphql-transport-ws) or <c>ka</c>
    /// (graphql-ws). <c>null</c> turns them off (legacy clients still get the first <c>ka</c>).
    /// </summary>
    public TimeSpan? KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Messages that may wait for a slow client. When a socket's queue is full the client is not reading fast
    /// enough: it is disconnected (close 1008) instead of letting the server's memory grow.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int OutgoingQueueCapacity { get; set; } = 1000;

    /// <summary>
    /// Bytes of messages that may wait for a slow client (counted until each is sent); over it the client is
    /// disconnected (close 1008) like for a full queue. A single message bigger than this is still sent when nothing
    /// else waits, so a socket holds at most this or one message (itself bounded by the response size limit).
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int OutgoingQueueMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest message accepted from a client; a bigger one closes the socket with 1009.</summary>
    [Range(1, int.MaxValue)]
    public int MaxMessageSize { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a client may leave the server's keep-alive unanswered before the socket is closed; <c>null</c> (the
    /// default) never closes. <c>graphql-transport-ws</c> clients must answer each <c>ping</c> with a <c>pong</c>
    /// (closed with 1008, checked at each keep-alive tick); for both subprotocols the server also sends WebSocket
    /// PING frames at <see cref="KeepAliveInterval"/>, and a socket whose PONG frame is this late is aborted.
    /// </summary>
    public TimeSpan? PongTimeout { get; set; }

    /// <summary>
    /// Operations one socket may run at once (subscriptions count until they end); one more is refused with a
    /// RATE_LIMITED error and the socket stays open.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxOperationsPerSocket { get; set; } = 100;

    /// <summary>How long the closing handshake may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
