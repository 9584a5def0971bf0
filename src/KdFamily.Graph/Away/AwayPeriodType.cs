using GraphQL.Types;
using GraphQLServer.Scalars;
using NodaTime;

namespace KdFamily.Graph.Away;

public sealed class AwayPeriodType : ObjectGraphType<DateInterval>
{
    public AwayPeriodType()
    {
        Name = "AwayPeriod";
        Description = "Days a member is away (family time zone, both ends included): their streak neither counts nor breaks, and recurring work "
            + "due then is left open for others to claim.";
        Field<NonNullGraphType<LocalDateGraphType>>("from").Description("The first day away.").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<LocalDateGraphType>>("until").Description("The last day away.").Resolve(c => c.Source.End);
    }
}
