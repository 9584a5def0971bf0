using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace KdFamily.Graph.Server.Http;

public static partial class GraphQLServerBuilderExtensions
{
    /// <summary>Default query depth limit: deep enough for IDE introspection, shallow enough to stop abuse.</summary>
    public const int DefaultMaxDepth = 15;

    /// <summary>
    /// Default complexity (cost) limit. Each field costs 1, multiplied by the sizes of the lists above it: a list
    /// field's children count <see cref="ListImpactMultiplier"/> times, a connection's children its <c>first</c>/<c>last</c>
    /// (or <see cref="ConnectionDefaultPageSize"/> when neither is given). Every committed operation and a full
    /// introspection query stay far below it; hundreds of aliased nested selections do not.
    /// </summary>
    public const int DefaultMaxComplexity = 2_000;

    /// <summary>
    /// Weight of introspection (<c>__schema</c>, <c>__type</c> and everything under them): it reads
    /// the in-memory schema, never the database, and an IDE's full introspection query would otherwise cost about
    /// 200,000 under the list multipliers. Scaled down it costs about 200, so a few hundred aliased copies are still refused.
    /// </summary>
    public const double IntrospectionImpact = 0.001;

    /// <summary>How many items a plain list field is assumed to return.</summary>
    public const double ListImpactMultiplier = 5;

    /// <summary>How many edges a connection returns when the caller gives neither <c>first</c> nor <c>last</c>.</summary>
    public const double ConnectionDefaultPageSize = 10;

    /// <summary>
    /// Execution settings every transport shares: errors carry a stable <c>extensions.code</c> and never an
    /// exception's type or stack trace; depth and complexity limits reject absurd documents at validation (so
    /// before any resolver runs); unhandled resolver exceptions are logged with their stack trace server-side.
    /// </summary>
    public static IGraphQLBuilder AddServerDefaults(this IGraphQLBuilder builder, int maxDepth = DefaultMaxDepth, int? maxComplexity = DefaultMaxComplexity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddErrorInfoProvider(options =>
            {
                options.ExposeExceptionDetails = false;
                options.ExposeCode = true;
                options.ExposeCodes = true;
            })
            .AddComplexityAnalyzer(options => ConfigureComplexity(options, maxDepth, maxComplexity))
            .AddUnhandledExceptionHandler(context =>
            {
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("KdFamily.Graph.Server.GraphQL");
                if (logger is not null)
                {
                    LogUnhandled(logger, context.ExecutionOptions.OperationName, context.OriginalException);
                }
            });
    }

    /// <summary>
    /// Sets the depth and cost limits and the cost model (see <see cref="DefaultMaxComplexity"/>); public so tests can
    /// measure documents with exactly the server's rules.
    /// </summary>
    public static void ConfigureComplexity(ComplexityOptions options, int? maxDepth = DefaultMaxDepth, int? maxComplexity = DefaultMaxComplexity)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MaxDepth = maxDepth;
        options.MaxComplexity = maxComplexity;
        options.DefaultListImpactMultiplier = ListImpactMultiplier;

        // The cost budget's hook (Server/Limits): the measured cost, charged to the caller after validation.
        options.ValidateComplexityDelegate = context =>
        {
            context.ValidationContext.RequestServices?.GetService<Limits.DocumentCost>()?.Record(context.TotalImpact);
            return Task.CompletedTask;
        };
        var standard = options.DefaultComplexityImpactDelegate;
        options.DefaultComplexityImpactDelegate = context =>
        {
            var impact = standard(context);
            if (context.FieldDefinition.Name is "__schema" or "__type")
            {
                return new FieldComplexityResult(IntrospectionImpact, impact.ChildImpactMultiplier * IntrospectionImpact);
            }

            // The standard rule reads first/last from a connection field for its list children (edges, nodes); a
            // connection asked without either still returns a default page, which is larger than a plain list.
            return IsList(context.FieldDefinition.ResolvedType)
                && context.Parent is { } parent
                && !IsList(parent.FieldDefinition.ResolvedType)
                && parent.FieldDefinition.Arguments?.Find("first") is not null
                && !HasValue(parent.Arguments, "first")
                && !HasValue(parent.Arguments, "last")
                ? new FieldComplexityResult(impact.FieldImpact, ConnectionDefaultPageSize)
                : impact;
        };
    }

    private static bool HasValue(IDictionary<string, ArgumentValue>? arguments, string name) =>
        arguments is not null && arguments.TryGetValue(name, out var value) && value.Value is int;

    private static bool IsList(IGraphType? type) => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception while executing GraphQL operation {OperationName}")]
    private static partial void LogUnhandled(ILogger logger, string? operationName, Exception exception);
}
