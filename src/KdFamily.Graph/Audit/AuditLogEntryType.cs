using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Audit;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Audit;

public sealed class AuditLogEntryType : ObjectGraphType<AuditLogEntry>
{
    public AuditLogEntryType()
    {
        Name = "AuditLogEntry";
        Description = "Who did what to whom, when and from where.";
        this.ImplementsNode(a => a.Id);
        Field<UserType>("actor").Description("Who did it; null for anonymous actions (e.g. a failed login).")
            .Resolve(c => c.Source.ActorId is { } actorId
                ? c.DataLoader<UserByIdDataLoader>().LoadAsync(actorId).Then(u => u?.FamilyId == c.Source.FamilyId ? u : null)
                : null);
        Field<NonNullGraphType<StringGraphType>>("action").Description("What happened, e.g. \"user.role_changed\" or \"auth.login_succeeded\".")
            .Resolve(c => c.Source.Action);
        Field<StringGraphType>("targetType").Description("The kind of object it happened to, e.g. \"User\", \"Family\", \"Task\".")
            .Resolve(c => c.Source.TargetType);
        Field<IdGraphType>("targetId").Description("The global ID of the object it happened to.")
            .Resolve(c => c.Source is { TargetType: { } type, TargetId: { } id } ? GlobalId.Encode(type, id) : null);
        Field<StringGraphType>("details").Description("Details of the action as a JSON object string (e.g. old and new role).")
            .Resolve(c => c.Source.Details?.RootElement.GetRawText());
        Field<StringGraphType>("ipAddress").Description("The client's IP address as the server saw it.").Resolve(c => c.Source.IpAddress);
        Field<NonNullGraphType<InstantGraphType>>("at").Description("When it happened.").Resolve(c => c.Source.At);
    }
}
