namespace KdFamily.Graph.Schema;

/// <summary>The KD Family schema; root types are composed from the feature folders.</summary>
public sealed class KdFamilySchema : GraphQL.Types.Schema
{
    public KdFamilySchema(IServiceProvider services, QueryType query)
        : base(services)
    {
        Query = query;
        Description = "KD Family: family chores, approvals, points and live leaderboards.";
    }
}
