using GraphQL.Types;
using KdFamily.Domain.Errors;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Rewards;

public sealed class InsufficientPointsErrorType : DomainErrorGraphType<InsufficientPointsError>
{
    public InsufficientPointsErrorType()
        : base("The member's balance (`totalPoints`) does not cover the reward's cost (code INSUFFICIENT_POINTS).")
    {
        Field<NonNullGraphType<IntGraphType>>("balance").Description("The member's balance when the redemption was refused.").Resolve(c => c.Source.Balance);
        Field<NonNullGraphType<IntGraphType>>("cost").Description("The reward's cost.").Resolve(c => c.Source.Cost);
    }
}

public sealed class OutOfStockErrorType() : DomainErrorGraphType<OutOfStockError>(
    "The reward has no stock left (code OUT_OF_STOCK).");

public sealed class RedemptionInvalidTransitionErrorType : DomainErrorGraphType<RedemptionInvalidTransitionError>
{
    public RedemptionInvalidTransitionErrorType()
        : base("The redemption's status does not allow the action, e.g. approving it twice or cancelling a decided one (code INVALID_TRANSITION).")
    {
        Field<NonNullGraphType<RedemptionStatusType>>("from").Description("The redemption's status when the action was refused.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<RedemptionActionType>>("refusedAction").Description("The refused action.").Resolve(c => c.Source.Action);
    }
}
