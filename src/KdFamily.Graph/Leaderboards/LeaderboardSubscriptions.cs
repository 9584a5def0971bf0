using GraphQL;
using GraphQL.Types;
using GraphQLServer.Limits;
using KdFamily.Domain.Families;
using KdFamily.Domain.Leaderboards;
using KdFamily.Graph.Families;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Leaderboards;

public static class LeaderboardSubscriptions
{
    public static void AddLeaderboardSubscriptions(this ObjectGraphType subscription)
    {
        var field = subscription.AddFamilySubscription<ListGraphType<NonNullGraphType<LeaderboardEntryType>>, LeaderboardEvent, IReadOnlyList<LeaderboardEntry>>(
            "leaderboardUpdated",
            Topics.LeaderboardUpdated,
            "The family's fresh standings, sent after any change of its ledger (approvals, bonuses, awards, deductions, achievement rewards).",
            (context, familyId) =>
            {
                var period = context.GetArgument("period", LeaderboardPeriod.Week);

                // The loaders are shared by the family's subscribers of this event: the standings' rows load once.
                return async (loaders, _, cancellationToken) =>
                    (IReadOnlyList<LeaderboardEntry>?)await FamilyLeaderboard.Load(loaders, familyId, period).GetResultAsync(cancellationToken);
            });
        field.Arguments!.Add(new QueryArgument<LeaderboardPeriodType>
        {
            Name = "period",
            Description = "Which points to rank by.",
            DefaultValue = LeaderboardPeriod.Week,
        });
        field.Metadata[ListSize.MetadataKey] = new ListSize(FamilyLimits.MaxMembers);
        field.DeprecationReason =
            "Use `familyLeaderboardUpdated`: it sends the family, so a normalized cache replaces the standings it holds (order included).";

        subscription.AddFamilySubscription<FamilyType, LeaderboardEvent, Family>(
            "familyLeaderboardUpdated",
            Topics.LeaderboardUpdated,
            "The family, sent after any change of its ledger (approvals, bonuses, awards, deductions, achievement rewards). "
            + "Select `id` and `leaderboard(period:)` (and members' points) as your queries do: a normalized cache (Apollo, urql Graphcache, Relay) "
            + "then updates the standings it holds, order included, with no custom code.",
            (_, familyId) => async (loaders, _, cancellationToken) =>
                await loaders.GetLoader<FamilyByIdDataLoader>().LoadAsync(familyId).GetResultAsync(cancellationToken));
    }
}
