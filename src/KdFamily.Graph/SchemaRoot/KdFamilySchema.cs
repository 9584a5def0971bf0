namespace KdFamily.Graph.SchemaRoot;

/// <summary>The KD Family schema; root types are composed from the feature folders.</summary>
public sealed class KdFamilySchema : GraphQL.Types.Schema
{
    public KdFamilySchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = "KD Family: family chores, approvals, points and live leaderboards.";
    }
}
