using GraphQL.Types;
using KdFamily.Domain.Rewards;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Rewards;

public static class RedemptionSubscriptions
{
    public static void AddRedemptionSubscriptions(this ObjectGraphType subscription) =>
        subscription.AddFamilySubscription<RedemptionGraphType, RedemptionEvent, Redemption>(
            "redemptionUpdated",
            Topics.RedemptionUpdated,
            "A redemption of the family was requested (or approved at once), approved, rejected or cancelled. The redemption as it is when the event is delivered.",
            (_, familyId) => async (loaders, e, cancellationToken) =>
                await loaders.GetLoader<RedemptionByIdDataLoader>().LoadAsync(e.RedemptionId).GetResultAsync(cancellationToken) is { } redemption
                && redemption.FamilyId == familyId
                    ? redemption
                    : null);
}
