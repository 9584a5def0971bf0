using GraphQL;
using GraphQL.DI;
using GraphQLServer.Authorization;
using GraphQLServer.Diagnostics;
using GraphQLServer.Errors;
using GraphQLServer.Execution;
using GraphQLServer.Introspection;
using GraphQLServer.Limits;
using GraphQLServer.PersistedDocuments;

namespace GraphQLServer.Http;

public static partial class GraphQLServerBuilderExtensions
{
    /// <summary>
    /// Execution settings every transport shares: errors carry a stable <c>extensions.code</c> and never an
    /// exception's type or stack trace; the document's size is checked before validation (<see cref="DocumentGuard"/>)
    /// and its cost and depth at the end of validation (<see cref="CostLimitRule"/>, on every request, also for a document
    /// validated before and cached by <see cref="ValidatedDocumentCache"/>), so before any resolver runs;
    /// unhandled resolver exceptions are logged with their stack trace server-side. The limits are
    /// <see cref="GraphQLLimits"/> options (bind and validate them in the host). The library's own graph types
    /// (scalars, <c>Node</c>, connections, sort enums) are registered here, and, unless the application registers its
    /// own, the <see cref="ExpClaimCredentialLifetime"/> that ends WebSockets and SSE streams at the token's expiry.
    /// Persisted documents (<c>extensions.persistedQuery</c>) are resolved first (<see cref="PersistedDocumentExecution"/>).
    /// Introspection answers what the current spec defines (<see cref="CurrentSpecIntrospection"/>). Every operation
    /// is traced and measured (<see cref="OperationTelemetry"/>).
    /// </summary>
    public static IGraphQLBuilder AddServerDefaults(this IGraphQLBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryRegister<ICredentialLifetime, ExpClaimCredentialLifetime>(GraphQL.DI.ServiceLifetime.Singleton);
        builder.Services.TryRegister<ValidatedDocumentCache, ValidatedDocumentCache>(GraphQL.DI.ServiceLifetime.Singleton);
        return builder
            .AddGraphTypes(typeof(GraphQLServerBuilderExtensions).Assembly)
            .AddErrorInfoProvider<SafeErrorInfoProvider>()
            .AddCurrentSpecIntrospection()
            .ConfigureExecution<OperationTelemetry>()
            .ConfigureExecution<PersistedDocumentExecution>()
            .ConfigureExecution<DocumentGuard>()
            .ConfigureExecution<IncrementalDeliveryGuard>()
            .AddValidationRule<CostLimitRule>(useForCachedDocuments: true)
            .AddUnhandledExceptionHandler(context =>
            {
                // The client gets INTERNAL and a trace id; the log gets the exception under the same trace id.
                var error = new InternalServerError(InternalServerError.CurrentTraceId());
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("GraphQLServer.GraphQL");
                if (logger is not null)
                {
                    LogUnhandled(logger, context.ExecutionOptions.OperationName, error.TraceId, context.OriginalException);
                }

                context.Exception = error;
            });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception while executing GraphQL operation {OperationName}; answered INTERNAL with traceId {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, string? operationName, string traceId, Exception exception);
}
