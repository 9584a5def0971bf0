using GraphQL.Types;
using GraphQLServer.Scalars;
using KdFamily.Domain.Users;
using KdFamily.Graph.Users;
using NodaTime;

namespace KdFamily.Graph.Families;

/// <summary>A family's current week in numbers.</summary>
public sealed record WeeklyStats(LocalDate StartDate, Instant Start, Instant End, int PointsEarned, int TasksApproved, User? TopMember);

public sealed class WeeklyStatsType : ObjectGraphType<WeeklyStats>
{
    public WeeklyStatsType()
    {
        Name = "WeeklyStats";
        Description = "The family's current week (Monday 00:00 to Monday 00:00 in its time zone) in numbers.";
        Field<NonNullGraphType<LocalDateGraphType>>("weekStartDate").Description("The Monday the week starts on.").Resolve(c => c.Source.StartDate);
        Field<NonNullGraphType<InstantGraphType>>("weekStart").Description("When the week started.").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<InstantGraphType>>("weekEnd").Description("When the week ends (exclusive).").Resolve(c => c.Source.End);
        Field<NonNullGraphType<IntGraphType>>("pointsEarned").Description("Points the current members earned this week.")
            .Resolve(c => c.Source.PointsEarned);
        Field<NonNullGraphType<IntGraphType>>("tasksApproved").Description("Tasks of current members approved this week.")
            .Resolve(c => c.Source.TasksApproved);
        Field<UserType>("topMember").Description("The week's leader so far (ties: first by name); null before anyone scored.")
            .Resolve(c => c.Source.TopMember);
    }
}
