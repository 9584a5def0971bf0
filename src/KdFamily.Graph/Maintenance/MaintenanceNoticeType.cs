using GraphQL.Types;
using GraphQLServer.Scalars;
using NodaTime;

namespace KdFamily.Graph.Maintenance;

public sealed class MaintenanceNoticeType : ObjectGraphType<MaintenanceNotice>
{
    public MaintenanceNoticeType()
    {
        Name = "MaintenanceNotice";
        Description = "Planned maintenance of the service, announced to every signed-in client.";
        Field<NonNullGraphType<StringGraphType>>("message").Description("What happens and what users should expect.").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<InstantGraphType>>("startsAt").Description("When the maintenance starts.")
            .Resolve(c => Instant.FromDateTimeOffset(c.Source.StartsAt));
        Field<InstantGraphType>("endsAt").Description("When it is expected to end; null when unknown.")
            .Resolve(c => c.Source.EndsAt is { } end ? Instant.FromDateTimeOffset(end) : (Instant?)null);
    }
}
