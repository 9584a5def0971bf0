using GraphQL;
using GraphQL.DI;

namespace GraphQLServer.Limits;

public static class CostBudgetGraphQLBuilderExtensions
{
    /// <summary>
    /// Charges every execution's document cost (recorded in the scoped <see cref="DocumentCost"/> by the cost analysis) to
    /// its caller's per-minute budget, on every transport. A caller whose budget is spent gets a RATE_LIMITED result
    /// without parsing or running anything (the HTTP transport checks earlier, to answer 429). Without
    /// <see cref="CallerLimits"/> registered this does nothing.
    /// </summary>
    public static IGraphQLBuilder AddCostBudget(this IGraphQLBuilder builder) =>
        builder.ConfigureExecution(async (options, next) =>
        {
            var services = options.RequestServices;
            var limits = services?.GetService<CallerLimits>();
            var cost = services?.GetService<DocumentCost>();
            if (limits is null || cost is null)
            {
                return await next(options);
            }

            // The socket's or request's address (a WebSocket operation runs inside its socket's request).
            var address = services!.GetService<IHttpContextAccessor>()?.HttpContext?.Connection.RemoteIpAddress;
            var caller = CallerLimits.CallerOf(options.User, address);
            if (!cost.BudgetChecked && await limits.CheckCostAsync(caller) is { } refusal)
            {
                return refusal.ToExecutionResult();
            }

            var result = await next(options);
            if (cost.Measured is { } measured)
            {
                await limits.ChargeCostAsync(caller, measured);
            }

            return result;
        });
}
