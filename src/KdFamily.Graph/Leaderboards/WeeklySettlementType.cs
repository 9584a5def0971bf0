using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using GraphQLServer.Scalars;
using KdFamily.Domain.Families;
using KdFamily.Domain.Leaderboards;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Leaderboards;

public sealed class WeeklySettlementType : ObjectGraphType<WeeklySettlement>
{
    public WeeklySettlementType()
    {
        Name = "WeeklySettlement";
        Description = "A family's final standings of one ended week, recorded once when the week ended.";
        Field<NonNullGraphType<LocalDateGraphType>>("weekStart").Description("The Monday the week started on (family time zone).")
            .Resolve(c => c.Source.WeekStart);
        Field<NonNullGraphType<LocalDateGraphType>>("weekEnd").Description("The Monday after the week (exclusive).")
            .Resolve(c => c.Source.WeekStart.PlusWeeks(1));
        Field<NonNullGraphType<InstantGraphType>>("settledAt").Description("When the standings were recorded.").Resolve(c => c.Source.SettledAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SettledStandingType>>>>("standings")
            .Description("Everyone who was a member that week, by rank (ties share a rank and are listed by name).")
            .ListSize(FamilyLimits.MaxMembers)
            .Resolve(c => c.Source.Standings.OrderBy(s => s.Rank).ToList());
    }
}

public sealed class SettledStandingType : ObjectGraphType<SettledStanding>
{
    public SettledStandingType()
    {
        Name = "SettledStanding";
        Description = "One member's final place in a settled week.";
        Field<NonNullGraphType<IntGraphType>>("rank").Description("Standard competition rank (1, 1, 3).").Resolve(c => c.Source.Rank);
        Field<NonNullGraphType<IntGraphType>>("points").Description("Points earned in that week.").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<UserType>>("user").Description("The member (also shown after leaving the family).")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.UserId));
    }
}
