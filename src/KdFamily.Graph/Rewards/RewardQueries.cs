using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using KdFamily.Domain.Families;
using KdFamily.Domain.Rewards;

namespace KdFamily.Graph.Rewards;

public static class RewardQueries
{
    /// <summary><c>Family.rewards(includeArchived)</c>.</summary>
    public static void AddRewards(this ObjectGraphType<Family> family)
    {
        family.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RewardGraphType>>>>("rewards")
            .Description($"The family's rewards, by name (at most {RewardLimits.MaxLiveRewards}); with `includeArchived`, followed by the most recently archived ones (at most {RewardLimits.MaxArchivedListed}).")
            .Argument<BooleanGraphType>("includeArchived", a => { a.DefaultValue = false; a.Description = "Also list archived rewards."; })
            .ListSize(RewardLimits.MaxLiveRewards + RewardLimits.MaxArchivedListed)
            .Resolve(c => c.DataLoader<RewardsByFamilyIdDataLoader>().LoadAsync(new FamilyRewardsKey(c.Source.Id, c.GetArgument("includeArchived", false))));
    }
}
