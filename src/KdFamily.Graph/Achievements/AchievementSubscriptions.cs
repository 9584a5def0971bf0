using GraphQL.Types;
using KdFamily.Domain.Achievements;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Achievements;

public static class AchievementSubscriptions
{
    public static void AddAchievementSubscriptions(this ObjectGraphType subscription) =>
        subscription.AddFamilySubscription<UserAchievementType, AchievementEvent, UserAchievement>(
            "achievementUnlocked",
            Topics.AchievementUnlocked,
            "A member of the family unlocked an achievement (its reward, if any, arrives as pointsAwarded).",
            (_, familyId) => async (loaders, e, cancellationToken) =>
                e.FamilyId == familyId
                    ? (await loaders.GetLoader<UserAchievementsByUserIdDataLoader>().LoadAsync(e.UserId).GetResultAsync(cancellationToken))
                        .FirstOrDefault(a => a.AchievementId == e.AchievementId && a.CompletedAt is not null)
                    : null);
}
