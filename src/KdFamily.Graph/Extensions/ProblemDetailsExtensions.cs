using Microsoft.AspNetCore.Diagnostics;

namespace KdFamily.Graph.Extensions;

/// <summary>
/// RFC 9457 problem details for everything that fails outside a handler's own answers: unreadable request bodies
/// (malformed JSON, wrong JSON types, wrong content type) become 400/415 problems, anything unexpected a 500 problem
/// without exception details. Every problem carries a stable <c>code</c> extension.
/// </summary>
public static class ProblemDetailsExtensions
{
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string InternalError = "INTERNAL_ERROR";

    public static WebApplicationBuilder AddKdFamilyProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
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
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.UseStatusCodePages());
        return app;
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
}
