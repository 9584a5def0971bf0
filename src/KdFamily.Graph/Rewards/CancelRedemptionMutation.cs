using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Rewards;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Rewards;

public sealed record CancelRedemptionInput(string RedemptionId);

public sealed class CancelRedemptionInputType : InputObjectGraphType<CancelRedemptionInput>
{
    public CancelRedemptionInputType()
    {
        Name = "CancelRedemptionInput";
        Description = "The redemption to withdraw.";
        Field<NonNullGraphType<IdGraphType>>("redemptionId").Description("One of the caller's REQUESTED redemptions.");
    }
}

public sealed class CancelRedemptionErrorType() : ErrorUnionGraphType(
    "cancelRedemption", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(RedemptionInvalidTransitionErrorType));

public sealed class CancelRedemptionPayloadType() : PayloadGraphType<Redemption, RedemptionGraphType, CancelRedemptionErrorType>(
    "cancelRedemption", "redemption", "The redemption, now CANCELLED.");

public static class CancelRedemptionMutation
{
    public static void AddCancelRedemption(this ObjectGraphType mutation) =>
        mutation.AddUseCase<CancelRedemptionPayloadType, CancelRedemptionInputType, CancelRedemption, Redemption>(
            "cancelRedemption",
            "The member who asked withdraws a REQUESTED redemption: the points are refunded once and the stock returned. "
            + "Racing a parent's decision, one wins; the other gets INVALID_TRANSITION.",
            UserRole.Member,
            context => new CancelRedemption(context.RequireUserId(), GlobalId.Decode(context.Input<CancelRedemptionInput>().RedemptionId, "Redemption")));
}
