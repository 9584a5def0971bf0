using Microsoft.Net.Http.Headers;

namespace GraphQLServer.Http;

/// <summary>Whether a request's answer may be, or should be, a graphql-sse event stream.</summary>
public enum EventStreamChoice
{
    /// <summary>Accept does not allow <c>text/event-stream</c>: the answer is JSON.</summary>
    NotAccepted,

    /// <summary>
    /// The client prefers JSON but accepts an event stream (e.g. urql's default Accept lists JSON first): queries and
    /// mutations are answered with JSON, a subscription, which JSON cannot carry, with an event stream.
    /// </summary>
    ForSubscriptions,

    /// <summary>The client prefers the event stream (by quality or by order), or accepts no JSON type: every operation streams.</summary>
    Preferred,
}

/// <summary>The outcome of Accept negotiation: the JSON media type for JSON answers (null when none is acceptable) and the event-stream choice.</summary>
public sealed record ResponseNegotiation(string? JsonType, EventStreamChoice EventStream);

/// <summary>The media types of GraphQL over HTTP and the Accept negotiation between them.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";

    /// <summary>
    /// Negotiates JSON against graphql-sse. The event stream is <see cref="EventStreamChoice.Preferred"/> when
    /// <c>text/event-stream</c> has a higher quality than every JSON type Accept names, or the same quality and comes
    /// first, or when no JSON type is acceptable at all; otherwise, when <c>text/event-stream</c>, <c>text/*</c> or
    /// <c>*/*</c> is acceptable, only subscriptions stream (<see cref="EventStreamChoice.ForSubscriptions"/>).
    /// Wildcards never make the stream preferred: <c>*/*</c> alone means JSON.
    /// </summary>
    public static ResponseNegotiation Negotiate(IList<string>? acceptValues)
    {
        var jsonType = SelectResponseType(acceptValues);
        if (acceptValues is null || acceptValues.Count == 0 || !MediaTypeHeaderValue.TryParseList(acceptValues, out var parsed))
        {
            return new(jsonType, EventStreamChoice.NotAccepted);
        }

        double streamQuality = 0, jsonQuality = 0;
        int streamPosition = int.MaxValue, jsonPosition = int.MaxValue;
        var wildcardAcceptsStream = false;
        for (var position = 0; position < parsed.Count; position++)
        {
            var candidate = parsed[position];
            var quality = candidate.Quality ?? 1.0;
            if (quality <= 0)
            {
                continue;
            }

            if (candidate.MediaType.Equals(EventStream, StringComparison.OrdinalIgnoreCase))
            {
                if (quality > streamQuality)
                {
                    (streamQuality, streamPosition) = (quality, position);
                }
            }
            else if (candidate.MatchesAllTypes || candidate.MediaType.Equals("text/*", StringComparison.OrdinalIgnoreCase))
            {
                wildcardAcceptsStream = true;
            }
            else if (Offer(candidate) is not null && IsUtf8(candidate) && quality > jsonQuality)
            {
                (jsonQuality, jsonPosition) = (quality, position);
            }
        }

        var streamAccepted = streamQuality > 0 || wildcardAcceptsStream;
        if (streamQuality > 0 && (streamQuality > jsonQuality || (streamQuality.Equals(jsonQuality) && streamPosition < jsonPosition)))
        {
            return new(jsonType, EventStreamChoice.Preferred);
        }

        if (streamAccepted)
        {
            return new(jsonType, jsonType is null ? EventStreamChoice.Preferred : EventStreamChoice.ForSubscriptions);
        }

        return new(jsonType, EventStreamChoice.NotAccepted);
    }

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
