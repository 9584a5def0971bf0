using System.Diagnostics;
using GraphQLServer.Errors;
using GraphQLServer.Http;
using GraphQLServer.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace KdFamily.Graph.Extensions;

/// <summary>
/// RFC 9457 problem details for everything that fails outside a handler's own answers: a body that is not JSON text in
/// UTF-8 is a 400 <c>INVALID_JSON</c>, JSON of the wrong shape or types a 400 <c>MALFORMED_REQUEST</c>, a wrong content
/// type a 415, anything unexpected a 500 <c>INTERNAL</c> with the trace id it was logged under and no exception details.
/// Every problem carries a stable <c>code</c> extension and the <c>traceId</c> its request's log lines carry.
/// </summary>
public static partial class ProblemDetailsExtensions
{
    public const string InvalidJson = "INVALID_JSON";
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string InternalError = InternalServerError.InternalCode;
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>Largest JSON body the REST facade reads (its requests are a few hundred bytes); larger ones get 413.</summary>
    public const int MaxApiBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddKdFamilyProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;

            // The trace's id as the logs and the tracing backend show it (ASP.NET Core's default is the whole traceparent).
            problem.Extensions["traceId"] = InternalServerError.TraceIdOf(Activity.Current) ?? context.HttpContext.TraceIdentifier;
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = problem.Status switch
                {
                    StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
                    >= 400 and < 500 => MalformedRequest,
                    _ => InternalError,
                };
            }
        });
        builder.Services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<UnexpectedExceptionHandler>();

        // UnexpectedExceptionHandler logs with the trace id; the middleware's own log line would repeat it without.
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
            options.SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService);

        // Minimal APIs throw BadHttpRequestException for unreadable bodies instead of answering an empty 400,
        // so the handler above can explain the problem.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>
    /// Exceptions become problems; under <c>/api</c> (the REST facade) so do empty error answers of the framework
    /// (415, 404, 405). GraphQL endpoints keep their own, spec-defined error bodies.
    /// </summary>
    public static WebApplication UseKdFamilyProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api =>
        {
            api.UseStatusCodePages();
            api.Use(RefuseTextThatIsNotJsonAsync);
        });
        return app;
    }

    /// <summary>
    /// A JSON body is read (at most <see cref="MaxApiBodyBytes"/>, else 413) and refused before model binding when its
    /// bytes are not UTF-8 or its escapes leave a surrogate unpaired: System.Text.Json would only fail on it deep inside
    /// binding, and not always with a JsonException.
    /// </summary>
    private static async Task RefuseTextThatIsNotJsonAsync(HttpContext http, Func<Task> next)
    {
        var request = http.Request;
        if (request.ContentLength is 0 || !(request.HasJsonContentType() && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))))
        {
            await next();
            return;
        }

        var body = request.ContentLength > MaxApiBodyBytes
            ? null
            : await GraphQLHttpRequestReader.ReadBoundedAsync(request.Body, MaxApiBodyBytes, http.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, RequestTooLarge, $"The request body is larger than the limit of {MaxApiBodyBytes} bytes.");
            return;
        }

        if (body.Length > 0 && !Utf8JsonText.IsWellFormed(body))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, InvalidJson, "The request body is not valid JSON in UTF-8 (no invalid bytes, no unpaired surrogate escapes).");
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        await next();
    }

    private static async Task RefuseAsync(HttpContext http, int status, string code, string title)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Extensions = { ["code"] = code } },
        });
    }

    private sealed class BadHttpRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails =
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
                        ? "The request body must be application/json."
                        : "The request body could not be read as the expected JSON.",
                    Detail = bad.InnerException is System.Text.Json.JsonException { Path: { } path }
                        ? $"Malformed JSON or a value of the wrong type at '{path}'."
                        : null,
                },
            });
        }
    }

    /// <summary>Anything else: logged with the trace id the 500 problem carries (ASP.NET Core adds <c>traceId</c> to every problem).</summary>
    private sealed partial class UnexpectedExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnexpectedExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var traceId = InternalServerError.TraceIdOf(Activity.Current) ?? httpContext.TraceIdentifier;
            LogUnexpected(logger, httpContext.Request.Method, httpContext.Request.Path, traceId, exception);
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred. Quote the traceId when you report it.",
                    Extensions = { ["code"] = InternalError, ["traceId"] = traceId },
                },
            });
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path}; answered INTERNAL with traceId {TraceId}")]
        private static partial void LogUnexpected(ILogger logger, string method, string path, string traceId, Exception exception);
    }
}
