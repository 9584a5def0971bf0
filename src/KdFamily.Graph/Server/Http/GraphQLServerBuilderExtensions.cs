using GraphQL;
using GraphQL.DI;

namespace KdFamily.Graph.Server.Http;

public static partial class GraphQLServerBuilderExtensions
{
    /// <summary>Default query depth limit: deep enough for IDE introspection, shallow enough to stop abuse.</summary>
    public const int DefaultMaxDepth = 15;

    /// <summary>
    /// Execution settings every transport shares: errors carry a stable <c>extensions.code</c> and never an
    /// exception's type or stack trace; depth and complexity limits reject absurd documents at validation (so
    /// before any resolver runs); unhandled resolver exceptions are logged with their stack trace server-side.
    /// </summary>
    public static IGraphQLBuilder AddServerDefaults(this IGraphQLBuilder builder, int maxDepth = DefaultMaxDepth, int? maxComplexity = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddErrorInfoProvider(options =>
            {
                options.ExposeExceptionDetails = false;
                options.ExposeCode = true;
                options.ExposeCodes = true;
            })
            .AddComplexityAnalyzer(options =>
            {
                options.MaxDepth = maxDepth;
                options.MaxComplexity = maxComplexity;
            })
            .AddUnhandledExceptionHandler(context =>
            {
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("KdFamily.Graph.Server.GraphQL");
                if (logger is not null)
                {
                    LogUnhandled(logger, context.ExecutionOptions.OperationName, context.OriginalException);
                }
            });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception while executing GraphQL operation {OperationName}")]
    private static partial void LogUnhandled(ILogger logger, string? operationName, Exception exception);
}
