using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Rewards;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Rewards;

public sealed class RedemptionStatusType : EnumerationGraphType<RedemptionStatus>
{
    public RedemptionStatusType()
    {
        Name = "RedemptionStatus";
        Description = "Where a redemption stands: REQUESTED waits for a parent; the others are final.";
        Values["REQUESTED"]!.Description = "Asked for; the points are held until a parent approves or rejects it, or the member cancels it.";
        Values["APPROVED"]!.Description = "Granted (by a parent, or at once for a reward that needs no approval); the points stay spent.";
        Values["REJECTED"]!.Description = "Refused by a parent, with a reason; the points were refunded and the stock returned.";
        Values["CANCELLED"]!.Description = "Withdrawn by the member; the points were refunded and the stock returned.";
    }
}

public sealed class RedemptionActionType : EnumerationGraphType<RedemptionAction>
{
    public RedemptionActionType()
    {
        Name = "RedemptionAction";
        Description = "An action on a redemption.";
        Values["APPROVE"]!.Description = "approveRedemption.";
        Values["REJECT"]!.Description = "rejectRedemption.";
        Values["CANCEL"]!.Description = "cancelRedemption.";
    }
}

public sealed class RedemptionGraphType : ObjectGraphType<Redemption>
{
    public RedemptionGraphType()
    {
        Name = "Redemption";
        Description = "A member spending points on a reward: the points are held when it is requested and refunded if it is rejected or cancelled.";
        this.ImplementsNode(r => r.Id);
        Field<NonNullGraphType<RewardGraphType>>("reward").Description("The reward (archived ones too).")
            .Resolve(c => c.DataLoader<RewardByIdDataLoader>().LoadAsync(c.Source.RewardId));
        Field<NonNullGraphType<UserType>>("user").Description("The member who redeemed it.")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.UserId));
        Field<NonNullGraphType<IntGraphType>>("cost").Description("The points spent: the reward's cost when it was requested.").Resolve(c => c.Source.Cost);
        Field<NonNullGraphType<RedemptionStatusType>>("status").Description("Where it stands.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<InstantGraphType>>("requestedAt").Description("When the member redeemed it.").Resolve(c => c.Source.RequestedAt);
        Field<InstantGraphType>("decidedAt").Description("When it was approved, rejected or cancelled; null while REQUESTED.").Resolve(c => c.Source.DecidedAt);
        Field<UserType>("decidedBy").Description("The parent who approved or rejected it; null while REQUESTED, when cancelled, and when approved at once.")
            .Resolve(c => c.Source.DecidedById is { } id ? c.DataLoader<UserByIdDataLoader>().LoadAsync(id) : null);
        Field<StringGraphType>("reason").Description("Why it was rejected.").Resolve(c => c.Source.Reason);
    }
}
