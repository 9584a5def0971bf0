using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Leaderboards;

/// <summary>One row of a family leaderboard: ranked by points earned (<see cref="WeeklyPoints"/> or <see cref="LifetimePoints"/>), never by what is left to spend.</summary>
public sealed record LeaderboardEntry(LeaderboardPeriod Period, int Rank, User User, int Points, int WeeklyPoints, int TotalPoints, int LifetimePoints, bool IsAway);

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
        Field<NonNullGraphType<IntGraphType>>("points").Description("The points ranked by, all earned: weekly points for WEEK, lifetime points for ALL_TIME (spending on rewards never lowers a rank).")
            .Resolve(c => c.Source.Points);
        Field<NonNullGraphType<IntGraphType>>("weeklyPoints").Description("Points earned in the family's current week.")
            .Resolve(c => c.Source.WeeklyPoints);
        Field<NonNullGraphType<IntGraphType>>("totalPoints").Description("The member's spendable balance (the ledger's sum, rewards taken off); not what is ranked.")
            .Resolve(c => c.Source.TotalPoints);
        Field<NonNullGraphType<IntGraphType>>("lifetimePoints").Description("All points ever earned; spending on rewards and its refunds do not count.")
            .Resolve(c => c.Source.LifetimePoints);
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
