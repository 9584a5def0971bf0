using GraphQL.Types;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Rewards;

namespace KdFamily.Graph.Rewards;

public sealed class RewardGraphType : ObjectGraphType<Reward>
{
    public RewardGraphType()
    {
        Name = "Reward";
        Description = "Something the family's members can spend points on, offered by its parents.";
        this.ImplementsNode(r => r.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("What it is.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Description("Details.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<IntGraphType>>("cost").Description($"Points one redemption costs ({RewardLimits.MinCost} or more).").Resolve(c => c.Source.Cost);
        Field<IntGraphType>("stock").Description("How many are left; null for unlimited. A redemption takes one; a rejection or cancellation gives it back.")
            .Resolve(c => c.Source.Stock);
        Field<NonNullGraphType<BooleanGraphType>>("requiresApproval")
            .Description("Whether a redemption waits for a parent's decision (REQUESTED); otherwise it is APPROVED at once.")
            .Resolve(c => c.Source.RequiresApproval);
        Field<NonNullGraphType<BooleanGraphType>>("archived").Description("No longer offered; its redemptions keep it.").Resolve(c => c.Source.Archived);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When it was added.").Resolve(c => c.Source.CreatedAt);
    }
}
