using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLServer.PersistedDocuments;

namespace GraphQLServer.Execution;

/// <summary>Why a request's shape was refused; each transport words it and answers it its own way.</summary>
public enum GraphQLRequestProblemKind
{
    /// <summary>The request is not a JSON object.</summary>
    NotAnObject,

    /// <summary><c>query</c> is absent, null or blank, and no persisted document is named instead.</summary>
    QueryMissing,

    /// <summary><see cref="GraphQLRequestProblem.Member"/> (<c>query</c> or <c>operationName</c>) is not a string.</summary>
    NotAString,

    /// <summary><see cref="GraphQLRequestProblem.Member"/> (<c>variables</c> or <c>extensions</c>) is not an object.</summary>
    NotAMap,
}

public sealed record GraphQLRequestProblem(GraphQLRequestProblemKind Kind, string? Member = null);

/// <summary>
/// Reads the GraphQL request shape <c>{query, operationName, variables, extensions}</c> the same way for every
/// transport, checking each member's JSON type: members are checked in that order, then that <c>query</c> is there.
/// Unknown members are ignored and <c>null</c> means absent (GraphQL over HTTP).
/// </summary>
public static class GraphQLRequestReader
{
    public static GraphQLRequest? Read(JsonElement json, IGraphQLSerializer serializer, out GraphQLRequestProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = new(GraphQLRequestProblemKind.NotAnObject);
            return null;
        }

        var query = StringMember(json, "query", out problem);
        var operationName = problem is null ? StringMember(json, "operationName", out problem) : null;
        var variables = problem is null ? MapMember(json, "variables", serializer, out problem) : null;
        var extensions = problem is null ? MapMember(json, "extensions", serializer, out problem) : null;
        return problem is null ? Create(query, operationName, variables, extensions, out problem) : null;
    }

    /// <summary>
    /// The request from members already read (e.g. from a query string): refused only when <paramref name="query"/> is
    /// missing and <paramref name="extensions"/> names no persisted document (<see cref="PersistedDocumentExecution"/>
    /// resolves that one, or refuses it, when it runs).
    /// </summary>
    public static GraphQLRequest? Create(string? query, string? operationName, Inputs? variables, Inputs? extensions, out GraphQLRequestProblem? problem)
    {
        if (string.IsNullOrWhiteSpace(query) && extensions?.ContainsKey(PersistedDocumentExecution.ExtensionName) != true)
        {
            problem = new(GraphQLRequestProblemKind.QueryMissing, "query");
            return null;
        }

        problem = null;
        return new GraphQLRequest { Query = query, OperationName = operationName, Variables = variables, Extensions = extensions };
    }

    private static string? StringMember(JsonElement json, string name, out GraphQLRequestProblem? problem)
    {
        problem = null;
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        problem = new(GraphQLRequestProblemKind.NotAString, name);
        return null;
    }

    private static Inputs? MapMember(JsonElement json, string name, IGraphQLSerializer serializer, out GraphQLRequestProblem? problem)
    {
        problem = null;
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return serializer.ReadNode<Inputs>(value);
        }

        problem = new(GraphQLRequestProblemKind.NotAMap, name);
        return null;
    }
}
