using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Leaderboards;

/// <summary>One row of a family leaderboard.</summary>
public sealed record LeaderboardEntry(LeaderboardPeriod Period, int Rank, User User, int Points, int WeeklyPoints, int TotalPoints, bool IsAway);

public sealed class LeaderboardEntryType : ObjectGraphType<LeaderboardEntry>
{
    public LeaderboardEntryType()
    {
        Name = "LeaderboardEntry";
        Description = "A member's place on a family leaderboard.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Stable per family, period and member, so a normalized cache updates the row in place (not a Node: refetch the family's `leaderboard`).")
            .Resolve(c => IdOf(c.Source));
        Field<NonNullGraphType<IntGraphType>>("rank").Description("Standard competition rank: equal points share a rank (1, 1, 3).")
            .Resolve(c => c.Source.Rank);
        Field<NonNullGraphType<UserType>>("user").Description("The member.").Resolve(c => c.Source.User);
        Field<NonNullGraphType<IntGraphType>>("points").Description("The points ranked by: weekly points for WEEK, total points for ALL_TIME.")
            .Resolve(c => c.Source.Points);
        Field<NonNullGraphType<IntGraphType>>("weeklyPoints").Description("Points earned in the family's current week.")
            .Resolve(c => c.Source.WeeklyPoints);
        Field<NonNullGraphType<IntGraphType>>("totalPoints").Description("All points ever earned (the ledger's sum).")
            .Resolve(c => c.Source.TotalPoints);
        Field<NonNullGraphType<BooleanGraphType>>("isAway").Description("The member is away today (see `User.away`): show them as away, their streak is paused.")
            .Resolve(c => c.Source.IsAway);
    }

    public static string IdOf(LeaderboardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return GlobalId.EncodeCompound(
            "LeaderboardEntry", entry.User.FamilyId.ToString("N"), entry.Period == LeaderboardPeriod.Week ? "WEEK" : "ALL_TIME", entry.User.Id.ToString("N"));
    }
}
