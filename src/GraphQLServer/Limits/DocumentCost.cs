namespace GraphQLServer.Limits;

/// <summary>
/// The one hook between the cost analysis and the per-caller cost budget: whatever analyses a document's cost records
/// it here (scoped: one per HTTP request, one per WebSocket operation), and the cost budget (<see cref="CostBudgetGraphQLBuilderExtensions.AddCostBudget"/>) charges it.
/// </summary>
public sealed class DocumentCost
{
    /// <summary>The validated document's cost, or null when no analysis ran (e.g. the document did not parse).</summary>
    public double? Measured { get; private set; }

    /// <summary>Set when the caller's budget was already checked for this scope (by the HTTP transport).</summary>
    internal bool BudgetChecked { get; set; }

    public void Record(double cost) => Measured = cost;
}
