using System.ComponentModel.DataAnnotations;

namespace GraphQLServer.PersistedDocuments;

/// <summary>Which documents a client may send by hash (<c>extensions.persistedQuery</c>) and which it may run.</summary>
public enum PersistedDocumentsMode
{
    /// <summary>
    /// Automatic persisted queries (Apollo's protocol): an unknown hash answers <c>PersistedQueryNotFound</c>, the client
    /// sends the document with its hash once, and from then on the hash alone (also over GET). Any valid document runs;
    /// trusted documents are known by hash from the start.
    /// </summary>
    Automatic,

    /// <summary>Only the trusted documents run, sent by hash or in full; anything else is <c>PERSISTED_QUERY_NOT_IN_LIST</c>.</summary>
    TrustedOnly,

    /// <summary>Documents are sent in full; a hash answers <c>PersistedQueryNotSupported</c> (Apollo's link then stops sending hashes).</summary>
    Off,
}

/// <summary>The <c>GraphQL:PersistedDocuments</c> settings.</summary>
public sealed class PersistedDocumentsOptions
{
    public const string Section = "GraphQL:PersistedDocuments";

    public PersistedDocumentsMode Mode { get; set; } = PersistedDocumentsMode.Automatic;

    /// <summary>
    /// A folder of <c>*.graphql</c> files whose operations are the trusted documents (each operation with the fragments it
    /// uses, hashed at start); none when empty.
    /// </summary>
    public string? TrustedDocumentsPath { get; set; }

    /// <summary>Most documents registered by clients that are kept (the least recently used go first), per instance or in Redis.</summary>
    [Range(1, 1_000_000, ErrorMessage = "GraphQL:PersistedDocuments:MaxEntries must be between 1 and 1,000,000.")]
    public int MaxEntries { get; set; } = 2_000;

    /// <summary>Largest document (UTF-8 bytes) a client may register; a larger one runs but is not kept.</summary>
    [Range(256, 1024 * 1024, ErrorMessage = "GraphQL:PersistedDocuments:MaxDocumentBytes must be between 256 and 1048576.")]
    public int MaxDocumentBytes { get; set; } = 32 * 1024;

    /// <summary>How long a registered document is kept after its registration; clients register it again after that.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "GraphQL:PersistedDocuments:TimeToLive must be between 1 minute and 30 days.")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Prefix of the Redis keys of registered documents.</summary>
    [Required(ErrorMessage = "GraphQL:PersistedDocuments:KeyPrefix is required.")]
    [StringLength(100, MinimumLength = 1, ErrorMessage = "GraphQL:PersistedDocuments:KeyPrefix must be 1 to 100 characters.")]
    public string KeyPrefix { get; set; } = "graphql:persisted:";
}
