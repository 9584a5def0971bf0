using System.Globalization;
using GraphQLServer.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace KdFamily.Graph.Outages;

public static partial class OutageServiceCollectionExtensions
{
    /// <summary>
    /// REST answers 503 problem+json <c>SERVICE_UNAVAILABLE</c> with Retry-After while PostgreSQL is unreachable.
    /// Registered before the other exception handlers, so it is asked first.
    /// </summary>
    public static WebApplicationBuilder AddKdFamilyOutageAnswers(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        return builder;
    }

    private sealed partial class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!DatabaseUnavailable.Is(exception))
            {
                return false;
            }

            LogUnavailable(logger, httpContext.Request.Path, DatabaseUnavailable.Reason(exception));
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = ((int)DatabaseUnavailable.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = DatabaseUnavailable.Message,
                    Extensions = { ["code"] = ServiceUnavailableError.ErrorCode },
                },
            });
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered 503: the database is unavailable ({Reason})")]
        private static partial void LogUnavailable(ILogger logger, string path, string reason);
    }
}
