namespace GraphQLServer.BananaCakePop;

/// <summary>
/// How the self-hosted Banana Cake Pop IDE is served and configured. The config fields are the ones the IDE reads
/// from <c>bcp-config.json</c> (see Hot Chocolate's tool options and the BCP express middleware).
/// There is no subscription protocol setting: the IDE (18.0.0) takes only the endpoint, headers, cookies and GET
/// preference from the file for a new document's connection. Its own default, "Auto", offers both
/// <c>graphql-transport-ws</c> and <c>graphql-ws</c> and keeps what the server picks, which is graphql-transport-ws.
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

    /// <summary>Off by default so the IDE works offline and reports nothing to third parties.</summary>
    public bool DisableTelemetry { get; set; } = true;

    public bool IncludeCookies { get; set; }
}
