using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Limits;

public static class CostReportGraphQLBuilderExtensions
{
    /// <summary>The request extension a client sets (<c>"extensions": {"cost": true}</c>) to get its operation's cost back.</summary>
    public const string ExtensionKey = "cost";

    /// <summary>
    /// When a request asks for it with <c>"extensions": {"cost": true}</c>, its result carries
    /// <c>extensions.cost = {requestedQueryCost, maximumAvailable}</c>: what the cost analysis measured (the amount
    /// the per-caller budget is charged) and the most one operation may cost. Nothing is added when the document did
    /// not reach the cost analysis (it did not parse or validate).
    /// </summary>
    public static IGraphQLBuilder AddCostReport(this IGraphQLBuilder builder) =>
        builder.ConfigureExecution(async (options, next) =>
        {
            // Read before the operation runs: a subscription lets go of its options' services once its stream exists.
            var services = options.RequestServices;
            var result = await next(options);
            if (options.Extensions is { } extensions && extensions.TryGetValue(ExtensionKey, out var asked) && asked is true
                && services?.GetService<DocumentCost>()?.Measured is { } measured)
            {
                result.Extensions ??= [];
                result.Extensions[ExtensionKey] = new Dictionary<string, object?>
                {
                    ["requestedQueryCost"] = (int)Math.Ceiling(measured),
                    ["maximumAvailable"] = services.GetRequiredService<IOptions<GraphQLLimits>>().Value.MaxCost,
                };
            }

            return result;
        });
}
