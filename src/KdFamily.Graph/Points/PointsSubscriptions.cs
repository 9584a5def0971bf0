using GraphQL.Types;
using KdFamily.Domain.Points;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Points;

public static class PointsSubscriptions
{
    public static void AddPointsSubscriptions(this ObjectGraphType subscription) =>
        subscription.AddFamilySubscription<PointsTransactionType, PointsEvent, PointsTransaction>(
            "pointsAwarded",
            Topics.PointsAwarded,
            "A ledger row was written for a member of the family: task approval, approval bonus, award or deduction, achievement reward.",
            (_, familyId) => async (loaders, e, cancellationToken) =>
                await loaders.GetLoader<PointsTransactionByIdDataLoader>().LoadAsync(e.TransactionId).GetResultAsync(cancellationToken) is { } row
                && row.FamilyId == familyId
                    ? row
                    : null);
}
