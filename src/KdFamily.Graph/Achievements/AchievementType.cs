using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using KdFamily.Domain.Achievements;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Achievements;

public sealed class AchievementType : ObjectGraphType<Achievement>
{
    public AchievementType()
    {
        Name = "Achievement";
        Description = "An entry of the achievement catalogue.";
        this.ImplementsNode(a => a.Id);
        Field<NonNullGraphType<StringGraphType>>("code").Description("Stable key, e.g. tasks-approved-10.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Display name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("description").Description("What it takes.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<BadgeLevelType>>("badgeLevel").Description("The badge's tier.").Resolve(c => c.Source.BadgeLevel);
        Field<NonNullGraphType<IntGraphType>>("pointsReward").Description("Points awarded once on unlocking.").Resolve(c => c.Source.PointsReward);
        Field<StringGraphType>("icon").Description("Icon name.").Resolve(c => c.Source.Icon);
    }
}

public sealed class UserAchievementType : ObjectGraphType<UserAchievement>
{
    public UserAchievementType()
    {
        Name = "UserAchievement";
        Description = "A member's progress on one achievement.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Stable per member and achievement (also while not started), so a normalized cache updates the entry in place (not a Node: refetch the user's `achievements`).")
            .Resolve(c => GlobalId.EncodeCompound("UserAchievement", c.Source.UserId.ToString("N"), c.Source.AchievementId.ToString("N")));
        Field<NonNullGraphType<UserType>>("user").Description("The member.")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.UserId));
        Field<NonNullGraphType<AchievementType>>("achievement").Description("The achievement.").Resolve(c => c.Source.Achievement);
        Field<NonNullGraphType<FloatGraphType>>("progress").Description("Progress from 0 to 100.").Resolve(c => c.Source.Progress);
        Field<GraphQLServer.Scalars.InstantGraphType>("completedAt").Description("When it was unlocked; null while in progress.")
            .Resolve(c => c.Source.CompletedAt);
    }
}
