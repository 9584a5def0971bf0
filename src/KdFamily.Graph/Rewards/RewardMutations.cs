using GraphQL.Types;

namespace KdFamily.Graph.Rewards;

public static class RewardMutations
{
    public static void AddRewardMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateReward();
        mutation.AddUpdateReward();
        mutation.AddArchiveReward();
        mutation.AddRedeemReward();
        mutation.AddApproveRedemption();
        mutation.AddRejectRedemption();
        mutation.AddCancelRedemption();
    }
}
