using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLServer.Execution;
using GraphQLServer.Json;

namespace GraphQLServer.Http;

/// <summary>A request the transport refuses before execution: the HTTP status and a GraphQL error code and message.</summary>
public sealed record GraphQLHttpFailure(int StatusCode, string Code, string Message);

/// <summary>
/// Reads a GraphQL request from a POST body (application/json) or a GET query string, checking each
/// parameter's JSON type so a malformed request gets a precise 400 instead of an execution error.
/// Unknown keys are ignored and <c>null</c> means absent (GraphQL over HTTP, POST/GET encodings).
/// </summary>
public static class GraphQLHttpRequestReader
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<(GraphQLRequest? Request, GraphQLHttpFailure? Failure)> ReadPostAsync(
        HttpRequest request, IGraphQLSerializer serializer, long maxBodySize)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!GraphQLMediaTypes.IsJsonRequest(request.ContentType))
        {
            var shown = string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType;
            return (null, new(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"POST requests must have Content-Type application/json (UTF-8); got {shown}."));
        }

        if (request.ContentLength > maxBodySize)
        {
            return (null, TooLarge(maxBodySize));
        }

        var body = await ReadBoundedAsync(request.Body, maxBodySize, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return (null, TooLarge(maxBodySize));
        }

        JsonDocument document;
        try
        {
            if (!Utf8JsonText.IsWellFormed(body))
            {
                return (null, InvalidJson());
            }

            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, InvalidJson());
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, root.ValueKind == JsonValueKind.Array
                    ? Invalid("BATCHING_NOT_SUPPORTED", "Batched requests are not supported; send one JSON object per request.")
                    : Invalid("INVALID_REQUEST", "The request body must be a JSON object."));
            }

            var read = GraphQLRequestReader.Read(root, serializer, out var problem);
            return (read, problem is null ? null : Failure(problem));
        }
    }

    public static (GraphQLRequest? Request, GraphQLHttpFailure? Failure) ReadGet(IQueryCollection queryString, IGraphQLSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(queryString);
        GraphQLHttpFailure? failure = null;
        var query = Single(queryString, "query", ref failure);
        var operationName = Single(queryString, "operationName", ref failure);
        var variables = JsonMap(Single(queryString, "variables", ref failure), "variables", serializer, ref failure);
        var extensions = JsonMap(Single(queryString, "extensions", ref failure), "extensions", serializer, ref failure);
        return failure is not null ? (null, failure) : Complete(query, operationName, variables, extensions);
    }

    private static (GraphQLRequest?, GraphQLHttpFailure?) Complete(string? query, string? operationName, Inputs? variables, Inputs? extensions)
    {
        var request = GraphQLRequestReader.Create(query, operationName, variables, extensions, out var problem);
        return (request, problem is null ? null : Failure(problem));
    }

    /// <summary>The HTTP answer to a refused request shape (the body's root is checked before, so it is an object).</summary>
    private static GraphQLHttpFailure Failure(GraphQLRequestProblem problem) => problem.Kind switch
    {
        GraphQLRequestProblemKind.QueryMissing => Invalid("QUERY_MISSING", "The 'query' parameter is required and must be a non-empty string."),
        GraphQLRequestProblemKind.NotAString => Invalid("INVALID_REQUEST", $"The '{problem.Member}' parameter must be a string."),
        GraphQLRequestProblemKind.NotAMap => Invalid("INVALID_REQUEST", $"The '{problem.Member}' parameter must be a JSON object (a map)."),
        _ => Invalid("INVALID_REQUEST", "The request body must be a JSON object."),
    };

    private static string? Single(IQueryCollection queryString, string name, ref GraphQLHttpFailure? failure)
    {
        if (!queryString.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            failure ??= Invalid("INVALID_REQUEST", $"The '{name}' parameter was given more than once.");
            return null;
        }

        // An empty value is the same as an absent one (GraphQL over HTTP, GET).
        return string.IsNullOrEmpty(values[0]) ? null : values[0];
    }

    private static Inputs? JsonMap(string? json, string name, IGraphQLSerializer serializer, ref GraphQLHttpFailure? failure)
    {
        if (json is null || failure is not null)
        {
            return null;
        }

        if (!Utf8JsonText.IsWellFormed(System.Text.Encoding.UTF8.GetBytes(json)))
        {
            return Fail(ref failure, $"The '{name}' parameter is not valid JSON.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => serializer.ReadNode<Inputs>(document.RootElement),
                _ => Fail(ref failure, $"The '{name}' parameter must be a JSON-encoded object (a map)."),
            };
        }
        catch (JsonException)
        {
            return Fail(ref failure, $"The '{name}' parameter is not valid JSON.");
        }
    }

    private static Inputs? Fail(ref GraphQLHttpFailure? failure, string message)
    {
        failure = Invalid("INVALID_REQUEST", message);
        return null;
    }

    /// <summary>The whole body, or null as soon as it passes <paramref name="maxBodySize"/> bytes (never buffering more).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream body, long maxBodySize, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBodySize)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static GraphQLHttpFailure Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    private static GraphQLHttpFailure InvalidJson() =>
        Invalid("INVALID_JSON", "The request body is not valid JSON in UTF-8 (no invalid bytes, no unpaired surrogate escapes).");

    private static GraphQLHttpFailure TooLarge(long maxBodySize) =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The request body is larger than the limit of {maxBodySize} bytes.");
}
