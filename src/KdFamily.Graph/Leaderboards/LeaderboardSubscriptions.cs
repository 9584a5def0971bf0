using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Families;
using KdFamily.Domain.Leaderboards;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Server.Limits;
using KdFamily.Graph.Server.Subscriptions;

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
                var shared = context.RequestServices!.GetRequiredService<SharedEventLoads>();

                // Every subscriber of this family in this process gets the same standings for one event: load them once,
                // not once per subscriber (1,000 subscribers would otherwise cost 2,000 queries per approval).
                return (loaders, message, _) => shared.GetOrLoadAsync(
                    $"leaderboard:{message.EventId:N}:{familyId:N}:{period}",
                    async () => (IReadOnlyList<LeaderboardEntry>?)await FamilyLeaderboard.Load(loaders, familyId, period).GetResultAsync(CancellationToken.None));
            });
        field.Arguments!.Add(new QueryArgument<LeaderboardPeriodType>
        {
            Name = "period",
            Description = "Which points to rank by.",
            DefaultValue = LeaderboardPeriod.Week,
        });
        field.Metadata[ListSize.MetadataKey] = new ListSize(FamilyLimits.MaxMembers);
    }
}
