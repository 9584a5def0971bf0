using GraphQL.Types;

namespace KdFamily.Graph.Users;

public sealed class UserStatsType : ObjectGraphType<MemberStats>
{
    public UserStatsType()
    {
        Name = "UserStats";
        Description = "A member's numbers: points, tasks and streaks.";
        Field<NonNullGraphType<IntGraphType>>("totalPoints").Description("The points the member can spend (the ledger's sum, rewards taken off).")
            .Resolve(c => c.Source.TotalPoints);
        Field<NonNullGraphType<IntGraphType>>("lifetimePoints").Description("All points ever earned; spending on rewards and its refunds do not count.")
            .Resolve(c => c.Source.LifetimePoints);
        Field<NonNullGraphType<IntGraphType>>("weeklyPoints").Description("Points earned in the family's current week.").Resolve(c => c.Source.WeeklyPoints);
        Field<NonNullGraphType<IntGraphType>>("tasksApproved").Description("Tasks of this member ever approved.").Resolve(c => c.Source.TasksApproved);
        Field<NonNullGraphType<IntGraphType>>("tasksApprovedThisWeek").Description("Tasks of this member approved this week.")
            .Resolve(c => c.Source.TasksApprovedThisWeek);
        Field<NonNullGraphType<IntGraphType>>("activeTasks").Description("Tasks assigned to this member and not yet approved.")
            .Resolve(c => c.Source.ActiveTasks);
        Field<NonNullGraphType<IntGraphType>>("currentStreak").Description(StreakDescriptions.Current)
            .Resolve(c => c.Source.Streak.Current);
        Field<NonNullGraphType<IntGraphType>>("longestStreak").Description(StreakDescriptions.Longest)
            .Resolve(c => c.Source.Streak.Longest);
    }
}
