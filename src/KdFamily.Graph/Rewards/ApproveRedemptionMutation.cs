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

public sealed record ApproveRedemptionInput(string RedemptionId);

public sealed class ApproveRedemptionInputType : InputObjectGraphType<ApproveRedemptionInput>
{
    public ApproveRedemptionInputType()
    {
        Name = "ApproveRedemptionInput";
        Description = "The redemption to grant.";
        Field<NonNullGraphType<IdGraphType>>("redemptionId").Description("A REQUESTED redemption of the caller's family, not the caller's own.");
    }
}

public sealed class ApproveRedemptionErrorType() : ErrorUnionGraphType(
    "approveRedemption", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(RedemptionInvalidTransitionErrorType), typeof(SelfApprovalErrorType));

public sealed class ApproveRedemptionPayloadType() : PayloadGraphType<Redemption, RedemptionGraphType, ApproveRedemptionErrorType>(
    "approveRedemption", "redemption", "The redemption, now APPROVED.");

public static class ApproveRedemptionMutation
{
    public static void AddApproveRedemption(this ObjectGraphType mutation) =>
        mutation.AddUseCase<ApproveRedemptionPayloadType, ApproveRedemptionInputType, ApproveRedemption, Redemption>(
            "approveRedemption",
            "A parent or advisor other than the requester grants a REQUESTED redemption; the points stay spent and the member is notified. "
            + "Of racing decisions one wins; the others get INVALID_TRANSITION.",
            UserRole.Parent,
            context => new ApproveRedemption(context.RequireUserId(), GlobalId.Decode(context.Input<ApproveRedemptionInput>().RedemptionId, "Redemption")));
}
