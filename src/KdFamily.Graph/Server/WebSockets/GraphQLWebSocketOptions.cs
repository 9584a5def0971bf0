using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Server.WebSockets;

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

    /// <summary>Largest message accepted from a client; a bigger one closes the socket with 1009.</summary>
    [Range(1, int.MaxValue)]
    public int MaxMessageSize { get; set; } = 256 * 1024;

    /// <summary>How long the closing handshake may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
