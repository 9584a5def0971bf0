using System.ComponentModel.DataAnnotations;

namespace GraphQLServer.Limits;

/// <summary>The <c>GraphQL:Limits:*</c> settings: per-caller budgets and connection caps of the GraphQL transports.</summary>
public sealed class CallerLimitsOptions
{
    public const string Section = "GraphQL:Limits";

    /// <summary>
    /// Cost units (as the complexity analysis measures a document) one caller may spend per minute, over every
    /// transport. Signed-in callers are counted per user, anonymous ones per IP address.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "GraphQL:Limits:CostPerMinute must be at least 1.")]
    public int CostPerMinute { get; set; } = 50_000;

    /// <summary>Open WebSockets per signed-in user (checked at <c>connection_init</c>).</summary>
    [Range(1, 100_000, ErrorMessage = "GraphQL:Limits:WebSocketsPerUser must be between 1 and 100000.")]
    public int WebSocketsPerUser { get; set; } = 10;

    /// <summary>Open WebSockets per client IP address (checked at the upgrade), signed in or not.</summary>
    [Range(1, 1_000_000, ErrorMessage = "GraphQL:Limits:WebSocketsPerIp must be between 1 and 1000000.")]
    public int WebSocketsPerIp { get; set; } = 100;

    /// <summary>Open server-sent event streams per signed-in user (anonymous callers: per IP address).</summary>
    [Range(1, 100_000, ErrorMessage = "GraphQL:Limits:SseStreamsPerUser must be between 1 and 100000.")]
    public int SseStreamsPerUser { get; set; } = 10;
}
