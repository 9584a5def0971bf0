using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Rewards;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.Rewards;

public sealed record RejectRedemptionInput(string RedemptionId, string Reason);

public sealed class RejectRedemptionInputType : InputObjectGraphType<RejectRedemptionInput>
{
    public RejectRedemptionInputType()
    {
        Name = "RejectRedemptionInput";
        Description = "The redemption to refuse, and why.";
        Field<NonNullGraphType<IdGraphType>>("redemptionId").Description("A REQUESTED redemption of the caller's family, not the caller's own.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description($"Why, for the member (1 to {RewardLimits.MaxReasonLength} characters).");
    }
}

public sealed class RejectRedemptionErrorType() : ErrorUnionGraphType(
    "rejectRedemption", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(RedemptionInvalidTransitionErrorType), typeof(SelfApprovalErrorType));

public sealed class RejectRedemptionPayloadType() : PayloadGraphType<Redemption, RedemptionGraphType, RejectRedemptionErrorType>(
    "rejectRedemption", "redemption", "The redemption, now REJECTED.");

public static class RejectRedemptionMutation
{
    public static void AddRejectRedemption(this ObjectGraphType mutation) =>
        mutation.AddUseCase<RejectRedemptionPayloadType, RejectRedemptionInputType, RejectRedemption, Redemption>(
            "rejectRedemption",
            "A parent or advisor other than the requester refuses a REQUESTED redemption with a reason: the points are refunded once (a `redemption_refund` "
            + "ledger row), the stock returned and the member notified. Of racing decisions one wins; the others get INVALID_TRANSITION.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<RejectRedemptionInput>();
                return new RejectRedemption(context.RequireUserId(), GlobalId.Decode(input.RedemptionId, "Redemption"), input.Reason);
            });
}
