using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLServer.Http;
using GraphQLServer.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GraphQLServer.Uploads;

/// <summary>
/// Reads a request of the GraphQL multipart request spec (https://github.com/jaydenseric/graphql-multipart-request-spec):
/// the <c>operations</c> field (the JSON request), the <c>map</c> field (file part name → paths of null variables it
/// fills, e.g. <c>{"0": ["variables.input.file"]}</c>), then the file parts, each spooled to a temporary file as it
/// arrives. multipart/form-data is a CORS-simple content type: a browser sends it cross-site without a preflight, so a
/// request must carry a header no HTML form can set (<c>GraphQL-Preflight</c> or <c>Apollo-Require-Preflight</c>) or
/// it is refused before its body is read.
/// </summary>
public static class GraphQLMultipartRequestReader
{
    public const string PreflightRequiredCode = "MULTIPART_PREFLIGHT_REQUIRED";
    public const string InvalidMultipartCode = "INVALID_MULTIPART_REQUEST";
    public const string TooManyFilesCode = "TOO_MANY_FILES";

    /// <summary>RFC 2046's limit, which <see cref="MultipartReader"/> enforces too.</summary>
    private const int MaxBoundaryLength = 70;

    private static readonly string[] PreflightHeaders = ["GraphQL-Preflight", "Apollo-Require-Preflight"];

    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static async Task<(GraphQLRequest? Request, GraphQLHttpFailure? Failure)> ReadAsync(
        HttpRequest request, IGraphQLSerializer serializer, long maxOperationsBytes, GraphQLUploadOptions options, UploadSpool spool)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(spool);
        if (!PreflightHeaders.Any(h => !string.IsNullOrWhiteSpace(request.Headers[h])))
        {
            return (null, Invalid(PreflightRequiredCode,
                "Multipart requests must carry the header 'GraphQL-Preflight: 1' (or 'Apollo-Require-Preflight: true'), which cross-site forms cannot send."));
        }

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            return (null, Invalid(InvalidMultipartCode, $"The multipart Content-Type has no boundary, or one longer than {MaxBoundaryLength} characters."));
        }

        if (request.ContentLength > options.MaxRequestBytes)
        {
            return (null, TooLarge(options.MaxRequestBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = options.MaxRequestBytes;
        }

        try
        {
            return await ReadPartsAsync(request, boundary, serializer, maxOperationsBytes, options, spool);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(options.MaxRequestBytes));
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or BadHttpRequestException)
        {
            // A malformed or truncated body (also a client that went away): the spool's files go with the request.
            return (null, Invalid(InvalidMultipartCode, "The multipart body is malformed or ended early."));
        }
    }

    private static async Task<(GraphQLRequest?, GraphQLHttpFailure?)> ReadPartsAsync(
        HttpRequest request, string boundary, IGraphQLSerializer serializer, long maxOperationsBytes, GraphQLUploadOptions options, UploadSpool spool)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var reader = new MultipartReader(boundary, request.Body);
        var operations = await ReadFieldAsync(reader, "operations", maxOperationsBytes, cancellationToken);
        if (operations.Failure is not null)
        {
            return (null, operations.Failure);
        }

        var map = await ReadFieldAsync(reader, "map", maxOperationsBytes, cancellationToken);
        if (map.Failure is not null)
        {
            return (null, map.Failure);
        }

        var (graphQLRequest, failure) = ParseOperations(operations.Bytes!, serializer);
        if (failure is not null)
        {
            return (null, failure);
        }

        var (paths, mapFailure) = ParseMap(map.Bytes!, options.MaxFiles);
        if (mapFailure is not null)
        {
            return (null, mapFailure);
        }

        var directory = options.TempDirectory ?? Path.GetTempPath();
        var files = new Dictionary<string, IUploadedFile>(StringComparer.Ordinal);
        while (files.Count < paths!.Count && await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || disposition.Name.Value is not { } name || !paths.ContainsKey(name) || files.ContainsKey(name))
            {
                continue; // a part the map does not name is ignored (the spec allows it)
            }

            var fileName = disposition.FileNameStar.Value ?? disposition.FileName.Value ?? "";
            files[name] = await spool.AddAsync(section.Body, fileName, section.ContentType, options.MaxFileBytes, directory, cancellationToken);
        }

        if (paths.Keys.FirstOrDefault(k => !files.ContainsKey(k)) is { } missing)
        {
            return (null, Invalid(InvalidMultipartCode, $"The map names the file part '{missing}', which the request does not contain."));
        }

        var variables = graphQLRequest!.Variables is { } given ? new Dictionary<string, object?>(given) : [];
        foreach (var (name, targets) in paths)
        {
            foreach (var target in targets)
            {
                if (!UploadVariablePath.TryPlace(variables, target, files[name]))
                {
                    return (null, Invalid(InvalidMultipartCode,
                        $"The map path '{target}' does not name a null variable (or a null item or field within one)."));
                }
            }
        }

        graphQLRequest.Variables = new Inputs(variables);
        return (graphQLRequest, null);
    }

    private static async Task<(byte[]? Bytes, GraphQLHttpFailure? Failure)> ReadFieldAsync(
        MultipartReader reader, string name, long maxBytes, CancellationToken cancellationToken)
    {
        var section = await reader.ReadNextSectionAsync(cancellationToken);
        if (section is null
            || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !string.Equals(disposition.Name.Value, name, StringComparison.Ordinal))
        {
            return (null, Invalid(InvalidMultipartCode, "A multipart request starts with the field 'operations', then 'map', then the files."));
        }

        var bytes = await GraphQLHttpRequestReader.ReadBoundedAsync(section.Body, maxBytes, cancellationToken);
        return bytes is null
            ? (null, new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The '{name}' field is larger than the limit of {maxBytes} bytes."))
            : (bytes, null);
    }

    private static (GraphQLRequest?, GraphQLHttpFailure?) ParseOperations(byte[] json, IGraphQLSerializer serializer)
    {
        try
        {
            if (!Utf8JsonText.IsWellFormed(json))
            {
                return (null, Invalid("INVALID_JSON", "The 'operations' field is not valid JSON."));
            }

            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                return (null, Invalid("BATCHING_NOT_SUPPORTED", "Batched requests are not supported; send one operation per request."));
            }

            var request = Execution.GraphQLRequestReader.Read(document.RootElement, serializer, out var problem);
            return problem is null
                ? (request, null)
                : (null, Invalid("INVALID_REQUEST", $"The 'operations' field is not a valid GraphQL request ({problem.Kind} {problem.Member})."));
        }
        catch (JsonException)
        {
            return (null, Invalid("INVALID_JSON", "The 'operations' field is not valid JSON."));
        }
    }

    private static (Dictionary<string, string[]>?, GraphQLHttpFailure?) ParseMap(byte[] json, int maxFiles)
    {
        Dictionary<string, string[]>? map;
        try
        {
            map = Utf8JsonText.IsWellFormed(json) ? JsonSerializer.Deserialize<Dictionary<string, string[]>>(json) : null;
        }
        catch (JsonException)
        {
            map = null;
        }

        if (map is null || map.Values.Any(paths => paths is null || paths.Length == 0 || paths.Any(path => path is null)))
        {
            return (null, Invalid(InvalidMultipartCode, "The 'map' field must be a JSON object of file part names to non-empty arrays of variable paths."));
        }

        return map.Count > maxFiles
            ? (null, new(StatusCodes.Status413PayloadTooLarge, TooManyFilesCode, $"A request may carry at most {maxFiles} files."))
            : (map, null);
    }

    private static GraphQLHttpFailure Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    private static GraphQLHttpFailure TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"The multipart request is larger than the limit of {maxBytes} bytes.");
}
