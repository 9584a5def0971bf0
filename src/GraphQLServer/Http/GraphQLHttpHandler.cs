using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQL.Validation;
using GraphQLServer.Execution;
using GraphQLServer.Limits;
using GraphQLServer.Sse;
using GraphQLServer.Uploads;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Http;

/// <summary>
/// GraphQL over HTTP (2025 draft, as audited by graphql-http): POST with application/json, GET for queries,
/// response media type from Accept, and its status codes. With application/json every well-formed request gets
/// 200; with application/graphql-response+json a request that did not execute (parse, validation, operation
/// selection or variable coercion errors) gets 400 and no <c>data</c>.
/// </summary>
public static class GraphQLHttpHandler
{
    public static async Task HandleAsync<TSchema>(HttpContext http, GraphQLHttpOptions options)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var services = http.RequestServices;
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var isGet = HttpMethods.IsGet(http.Request.Method);
        http.Response.Headers.Vary = "Accept";

        if (isGet && options.EnableSdl && http.Request.Query.ContainsKey("sdl") && !http.Request.Query.ContainsKey("query"))
        {
            await WriteSdlAsync(http, services.GetRequiredService<TSchema>());
            return;
        }

        // graphql-sse (distinct connections): same request parsing, answered as an event stream by SseResponder when
        // the client prefers it; a client that prefers JSON but accepts a stream gets one for subscriptions only.
        // Request-level refusals of a preferred stream are plain application/json.
        var negotiation = options.Sse.Enabled
            ? GraphQLMediaTypes.Negotiate(http.Request.Headers.Accept)
            : new ResponseNegotiation(GraphQLMediaTypes.SelectResponseType(http.Request.Headers.Accept), EventStreamChoice.NotAccepted);
        var streamPreferred = negotiation.EventStream == EventStreamChoice.Preferred;
        var mediaType = streamPreferred ? GraphQLMediaTypes.Json : negotiation.JsonType;
        if (mediaType is null)
        {
            await WriteFailureAsync(http, serializer, GraphQLMediaTypes.Json, new(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                $"None of the accepted media types can be produced; accept {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}."));
            return;
        }

        // Files of a multipart request live until the response is written (also a streamed one), then are deleted.
        await using var uploads = new UploadSpool();
        var uploadOptions = services.GetRequiredService<IOptions<GraphQLUploadOptions>>().Value;
        var (request, failure) = isGet
            ? GraphQLHttpRequestReader.ReadGet(http.Request.Query, serializer)
            : uploadOptions.Enabled && GraphQLMultipartRequestReader.IsMultipart(http.Request.ContentType)
                ? await GraphQLMultipartRequestReader.ReadAsync(http.Request, serializer, options.MaxRequestBodySize, uploadOptions, uploads)
                : await GraphQLHttpRequestReader.ReadPostAsync(http.Request, serializer, options.MaxRequestBodySize);
        if (failure is not null)
        {
            await WriteFailureAsync(http, serializer, mediaType, failure);
            return;
        }

        if (streamPreferred)
        {
            if (await CallerLimitsMiddleware.TryAdmitEventStreamAsync(http))
            {
                await SseResponder.RespondAsync<TSchema>(http, request!, options.Sse);
            }

            return;
        }

        var subscriptionsStream = negotiation.EventStream == EventStreamChoice.ForSubscriptions;
        var getRule = subscriptionsStream ? (IValidationRule)NoMutationOverGetRule.Instance : QueryOnlyOverGetRule.Instance;
        var result = await GraphQLExecution.ExecuteAsync<TSchema>(
            request!, http.User, services, http.RequestAborted, isGet ? getRule : null);
        if (subscriptionsStream && result.Streams?.Count > 0)
        {
            if (await CallerLimitsMiddleware.TryAdmitEventStreamAsync(http))
            {
                await SseResponder.RespondAsync(http, result, options.Sse);
            }

            return;
        }

        if (result.Errors?.OfType<ServiceUnavailableError>().FirstOrDefault() is { } unavailable)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (result.Errors?.Any(e => e is OperationNotAllowedOverGetError) == true)
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = HttpMethods.Post;
        }
        else
        {
            http.Response.StatusCode = !result.Executed && mediaType == GraphQLMediaTypes.GraphQLResponse
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
        }

        http.Response.ContentType = GraphQLMediaTypes.WithCharset(mediaType);
        var limits = services.GetRequiredService<IOptions<GraphQLLimits>>().Value;
        await ResponseSizeLimit.WriteAsync(http.Response, serializer, result, limits.MaxResponseBytes, http.RequestAborted);
    }

    private static async Task WriteFailureAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType, GraphQLHttpFailure failure)
    {
        http.Response.StatusCode = failure.StatusCode;
        http.Response.ContentType = GraphQLMediaTypes.WithCharset(mediaType);
        var result = new ExecutionResult { Errors = [new ExecutionError(failure.Message) { Code = failure.Code }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static async Task WriteSdlAsync(HttpContext http, ISchema schema)
    {
        var sdl = schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true });
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(sdl, http.RequestAborted);
    }
}
