using GraphQL;

namespace GraphQLServer.PersistedDocuments;

/// <summary>The answers of the persisted-document protocol; messages and codes are the ones Apollo's PersistedQueryLink reads.</summary>
public static class PersistedDocumentErrors
{
    public static ExecutionError NotFound() =>
        new("PersistedQueryNotFound") { Code = "PERSISTED_QUERY_NOT_FOUND" };

    public static ExecutionError NotSupported() =>
        new("PersistedQueryNotSupported") { Code = "PERSISTED_QUERY_NOT_SUPPORTED" };

    public static ExecutionError HashMismatch() =>
        new("The persisted query's sha256Hash is not the SHA-256 of the query sent with it.") { Code = "PERSISTED_QUERY_HASH_MISMATCH" };

    public static ExecutionError Invalid() =>
        new("extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 lowercase hex digits>\"}.") { Code = "PERSISTED_QUERY_INVALID" };

    public static ExecutionError NotInList() =>
        new("This server runs only its trusted documents, and this is not one of them.") { Code = "PERSISTED_QUERY_NOT_IN_LIST" };
}
