namespace GraphQLServer.PersistedDocuments;

/// <summary>
/// Documents clients registered by their SHA-256 hash (automatic persisted queries): in Redis when it is configured, so
/// a document registered through one instance is known to all, else in this instance's memory. Both are bounded in
/// entries (<see cref="PersistedDocumentsOptions.MaxEntries"/>) and time (<see cref="PersistedDocumentsOptions.TimeToLive"/>).
/// </summary>
public interface IPersistedDocumentStore
{
    /// <summary>The document registered under <paramref name="hash"/> (lowercase hex), or null.</summary>
    Task<string?> GetAsync(string hash);

    /// <summary>Registers <paramref name="document"/> under <paramref name="hash"/>, evicting the oldest entries past the cap.</summary>
    Task SaveAsync(string hash, string document);
}
