using GraphQL;
using GraphQL.DI;

namespace GraphQLServer.Http;

/// <summary>
/// A dependency of the service is down: <c>extensions.code = SERVICE_UNAVAILABLE</c> on every transport, and over
/// HTTP the answer is 503 with <c>Retry-After</c> (<see cref="GraphQLHttpHandler"/>).
/// </summary>
public sealed class ServiceUnavailableError : ExecutionError
{
    public const string ErrorCode = "SERVICE_UNAVAILABLE";

    public ServiceUnavailableError(string message, TimeSpan retryAfter)
        : base(message)
    {
        Code = ErrorCode;
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

public static partial class ServiceUnavailableGraphQLBuilderExtensions
{
    /// <summary>
    /// Unhandled resolver exceptions that <paramref name="isUnavailable"/> recognises become a
    /// <see cref="ServiceUnavailableError"/> (logged as a warning); others go on to the handler registered before this.
    /// A query answered so is run once more first (<see cref="RetryUnavailableQueryOnce"/>).
    /// </summary>
    public static IGraphQLBuilder AddServiceUnavailableErrors(this IGraphQLBuilder builder, Func<Exception, bool> isUnavailable, string message, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureExecution<RetryUnavailableQueryOnce>().ConfigureExecutionOptions(options =>
        {
            var next = options.UnhandledExceptionDelegate;
            options.UnhandledExceptionDelegate = context =>
            {
                if (!isUnavailable(context.OriginalException))
                {
                    return next(context);
                }

                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("GraphQLServer.GraphQL");
                if (logger is not null)
                {
                    LogUnavailable(logger, context.ExecutionOptions.OperationName, context.OriginalException.GetBaseException().Message);
                }

                context.Exception = new ServiceUnavailableError(message, retryAfter);
                return Task.CompletedTask;
            };
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GraphQL operation {OperationName} answered SERVICE_UNAVAILABLE: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string? operationName, string reason);
}
