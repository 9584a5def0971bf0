using GraphQLServer.Sse;

namespace GraphQLServer.Http;

/// <summary>Limits and switches of the GraphQL-over-HTTP transport.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Largest accepted POST body in bytes; bigger bodies get 413. Default 1 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Whether <c>GET ?sdl</c> returns the printed schema as text/plain.</summary>
    public bool EnableSdl { get; set; } = true;

    /// <summary>The graphql-sse transport for requests that accept <c>text/event-stream</c>.</summary>
    public SseOptions Sse { get; } = new();
}
