using GraphQL.Types;
using KdFamily.Domain.Leaderboards;

namespace KdFamily.Graph.Leaderboards;

public sealed class LeaderboardPeriodType : EnumerationGraphType<LeaderboardPeriod>
{
    public LeaderboardPeriodType()
    {
        Name = "LeaderboardPeriod";
        Description = "WEEK ranks by points since Monday 00:00 in the family's time zone; ALL_TIME by all points.";
        Values["WEEK"]!.Description = "Points earned since Monday 00:00 in the family's time zone.";
        Values["ALL_TIME"]!.Description = "All points ever earned.";
    }
}
