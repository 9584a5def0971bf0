using Microsoft.Net.Http.Headers;

namespace GraphQLServer.Http;

/// <summary>The media types of GraphQL over HTTP and the Accept negotiation between them.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type from Accept: the acceptable type with the highest quality, preferring
    /// application/graphql-response+json on a tie. A missing Accept, <c>*/*</c> or <c>application/*</c> mean
    /// application/json (the 2025 GraphQL-over-HTTP draft's advice for legacy clients). Null when nothing is acceptable.
    /// </summary>
    public static string? SelectResponseType(IList<string>? acceptValues)
    {
        if (acceptValues is null || acceptValues.Count == 0 || acceptValues.All(string.IsNullOrWhiteSpace))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(acceptValues, out var parsed))
        {
            return Json;
        }

        string? best = null;
        var bestQuality = 0.0;
        foreach (var candidate in parsed)
        {
            var quality = candidate.Quality ?? 1.0;
            var offered = Offer(candidate);
            if (offered is null || quality <= 0 || !IsUtf8(candidate))
            {
                continue;
            }

            if (quality > bestQuality || (quality.Equals(bestQuality) && offered == GraphQLResponse && best != GraphQLResponse))
            {
                best = offered;
                bestQuality = quality;
            }
        }

        return best;
    }

    /// <summary>True for <c>application/json</c> with no charset or a UTF-8 one: the only request body we read.</summary>
    public static bool IsJsonRequest(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && IsUtf8(parsed);

    /// <summary>The Content-Type header value written for a negotiated media type.</summary>
    public static string WithCharset(string mediaType) => mediaType + "; charset=utf-8";

    private static string? Offer(MediaTypeHeaderValue candidate)
    {
        var type = candidate.MediaType;
        if (type.Equals(GraphQLResponse, StringComparison.OrdinalIgnoreCase))
        {
            return GraphQLResponse;
        }

        return type.Equals(Json, StringComparison.OrdinalIgnoreCase) || candidate.MatchesAllTypes || type.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            ? Json
            : null;
    }

    private static bool IsUtf8(MediaTypeHeaderValue value)
    {
        var charset = value.Charset;
        return !charset.HasValue
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
