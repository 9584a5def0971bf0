namespace GraphQLServer.Sse;

/// <summary>
/// Settings of the graphql-sse transport (distinct connections mode) served on the GraphQL-over-HTTP endpoint
/// when a request accepts <c>text/event-stream</c>.
/// </summary>
public sealed class SseOptions
{
    /// <summary>Whether <c>Accept: text/event-stream</c> requests are answered as event streams (otherwise 406).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often a <c>:</c> comment is written while no event is due, so proxies and load balancers do not close an
    /// idle stream. The graphql-sse reference server uses 12 s.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Longest time one write (an event or a keep-alive) may wait for the client to take the bytes. A client that
    /// stops reading fills the socket and Kestrel's response buffer; when a flush stalls this long the connection is
    /// aborted and the subscription disposed.
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Events a subscription may have waiting for the writer. A source that publishes faster than the client reads
    /// fills this buffer; the next event then ends the stream (the connection is aborted, no <c>complete</c>) rather
    /// than dropping events silently or buffering without bound. The client sees the cut and can resubscribe.
    /// </summary>
    public int MaxBufferedEvents { get; set; } = 256;
}
