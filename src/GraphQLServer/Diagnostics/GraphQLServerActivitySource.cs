using System.Diagnostics;

namespace GraphQLServer.Diagnostics;

/// <summary>
/// The library's traces: one span per GraphQL operation on every transport (<see cref="OperationTelemetry"/>), named
/// and tagged as OpenTelemetry's GraphQL conventions say. A host that wants them subscribes to <see cref="Name"/>
/// (<c>AddSource("GraphQLServer")</c>); without a listener no span is created.
/// </summary>
public static class GraphQLServerActivitySource
{
    public const string Name = "GraphQLServer";

    public const string OperationNameAttribute = "graphql.operation.name";
    public const string OperationTypeAttribute = "graphql.operation.type";

    /// <summary>What the cost analysis measured (<see cref="Limits.DocumentCost"/>), the amount the caller's budget is charged.</summary>
    public const string OperationCostAttribute = "graphql.operation.cost";

    /// <summary>The first error's <c>extensions.code</c> when the response has errors.</summary>
    public const string ErrorTypeAttribute = "error.type";

    internal static readonly ActivitySource Source = new(Name, typeof(GraphQLServerActivitySource).Assembly.GetName().Version?.ToString());
}
