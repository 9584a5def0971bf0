using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Rewards;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Rewards;

public sealed record RedeemRewardInput(string RewardId);

public sealed class RedeemRewardInputType : InputObjectGraphType<RedeemRewardInput>
{
    public RedeemRewardInputType()
    {
        Name = "RedeemRewardInput";
        Description = "Which reward to redeem, for the caller.";
        Field<NonNullGraphType<IdGraphType>>("rewardId").Description("A live reward of the caller's family.");
    }
}

public sealed class RedeemRewardErrorType() : ErrorUnionGraphType(
    "redeemReward", typeof(NotFoundErrorType), typeof(InsufficientPointsErrorType), typeof(OutOfStockErrorType));

public sealed class RedeemRewardPayloadType() : PayloadGraphType<Redemption, RedemptionGraphType, RedeemRewardErrorType>(
    "redeemReward", "redemption", "The redemption: REQUESTED, or APPROVED when the reward needs no approval.");

public static class RedeemRewardMutation
{
    public static void AddRedeemReward(this ObjectGraphType mutation) =>
        mutation.AddUseCase<RedeemRewardPayloadType, RedeemRewardInputType, RedeemReward, Redemption>(
            "redeemReward",
            "Any member redeems a reward for themselves: the cost is taken from their balance at once (a `redemption` ledger row) and one from stock. "
            + "A balance never goes below zero, whatever the concurrency (INSUFFICIENT_POINTS), and the last one in stock goes to exactly one member (OUT_OF_STOCK). "
            + "The family's parents are notified.",
            UserRole.Member,
            context => new RedeemReward(context.RequireUserId(), GlobalId.Decode(context.Input<RedeemRewardInput>().RewardId, "Reward")));
}
