using System.Globalization;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Limits;

/// <summary>
/// Refuses, before execution, an operation whose cost (<see cref="CostAnalysis"/>) or depth passes the limits, with
/// <c>COMPLEXITY</c> and a message giving the measured and allowed values. It runs after the other rules and only
/// when they passed, so it measures a valid document with its variables coerced.
/// </summary>
public sealed class CostLimitRule(IOptions<GraphQLLimits> limits) : ValidationRuleBase
{
    private readonly GraphQLLimits _limits = limits.Value;

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HasErrors)
        {
            return default;
        }

        var measured = CostAnalysis.Measure(context, _limits);
        if (measured.Depth > _limits.MaxDepth)
        {
            context.ReportError(new CostLimitError(string.Create(CultureInfo.InvariantCulture,
                $"Query is too nested to execute: its depth is at least {measured.Depth} levels; the maximum depth allowed is {_limits.MaxDepth}.")));
        }
        else if (measured.Cost > _limits.MaxCost)
        {
            context.ReportError(new CostLimitError(string.Create(CultureInfo.InvariantCulture,
                $"Query is too complex to execute: it costs at least {Math.Ceiling(measured.Cost)}; the most allowed is {_limits.MaxCost}.")));
        }
        else
        {
            // The per-caller cost budget (CallerLimits) charges what an accepted operation measured.
            context.RequestServices?.GetService<DocumentCost>()?.Record(measured.Cost);
        }

        return default;
    }
}
