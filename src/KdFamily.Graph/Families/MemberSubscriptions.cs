using GraphQL.Types;
using KdFamily.Domain.Users;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Families;

public static class MemberSubscriptions
{
    public static void AddMemberSubscriptions(this ObjectGraphType subscription)
    {
        subscription.AddFamilySubscription<UserType, MemberEvent, User>(
            "memberJoined",
            Topics.MemberJoined,
            "Someone joined the family with its invite code.",
            (_, familyId) => async (loaders, e, cancellationToken) =>
                await loaders.GetLoader<UserByIdDataLoader>().LoadAsync(e.UserId).GetResultAsync(cancellationToken) is { } user && user.FamilyId == familyId
                    ? user
                    : null);
        subscription.AddFamilySubscription<UserType, MemberEvent, User>(
            "memberRemoved",
            Topics.MemberRemoved,
            "A member left the family: an advisor removed them, or they deleted their account (then the user is shown as "
            + "\"Deleted member\"). Drop them from lists of members; their history stays.",
            (_, familyId) => async (loaders, e, cancellationToken) =>
                await loaders.GetLoader<UserByIdDataLoader>().LoadAsync(e.UserId).GetResultAsync(cancellationToken) is { } user && user.FamilyId == familyId
                    ? user
                    : null);
    }
}
