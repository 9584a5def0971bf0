namespace KdFamily.Graph.Server.BananaCakePop;

/// <summary>
/// How the self-hosted Banana Cake Pop IDE is served and configured. The config fields are the ones the IDE reads
/// from <c>bcp-config.json</c> (see Hot Chocolate's tool options and the BCP express middleware).
/// </summary>
public sealed class BananaCakePopOptions
{
    /// <summary>Folder holding the IDE's files (index.html, static/, LICENSE); the build copies them here.</summary>
    public string FilesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "BananaCakePop");

    /// <summary>Browser tab title.</summary>
    public string Title { get; set; } = "Banana Cake Pop";

    /// <summary>GraphQL endpoint, resolved by the IDE relative to its page; null means the path the IDE is mounted at.</summary>
    public string? GraphQLEndpoint { get; set; }

    public bool UseBrowserUrlAsEndpoint { get; set; } = true;

    /// <summary><c>auto</c>, <c>graphql-transport-ws</c>, <c>graphql-ws</c> or <c>graphql-sse</c>.</summary>
    public string SubscriptionProtocol { get; set; } = "graphql-transport-ws";

    /// <summary>Off by default so the IDE works offline and reports nothing to third parties.</summary>
    public bool DisableTelemetry { get; set; } = true;

    public bool IncludeCookies { get; set; }
}
