using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Users;
using KdFamily.Graph.Achievements;
using KdFamily.Graph.Away;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Families;
using KdFamily.Graph.Notifications;
using KdFamily.Graph.Points;
using KdFamily.Graph.Rewards;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.Users;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "A member of a family.";
        this.ImplementsNode(u => u.Id);
        Field<NonNullGraphType<StringGraphType>>("username").Description("Unique login name.").Resolve(c => c.Source.Username);
        Field<NonNullGraphType<BooleanGraphType>>("isChildAccount")
            .Description("A child account: created by a parent, signs in with `username` and a PIN, has no e-mail address; parents reset its PIN "
                + "(`resetChildPin`) and unlock it (`unlockChildAccount`).")
            .Resolve(c => c.Source.IsChildAccount);
        Field<NonNullGraphType<StringGraphType>>("fullName").Description("Display name.").Resolve(c => c.Source.FullName);
        Field<StringGraphType>("email").Description("E-mail address; visible to the user and to parents and advisors only. Child accounts have none.")
            .Resolve(c => c.Source.Id == c.User.GetUserId() || c.CallerRole() >= UserRole.Parent ? c.Source.Email : null);
        Field<NonNullGraphType<UserRoleType>>("role").Description("Role in the family.").Resolve(c => c.Source.Role);
        Field<StringGraphType>("avatarUrl").Description("Picture shown beside the name.").Resolve(c => c.Source.AvatarUrl);
        Field<NonNullGraphType<FamilyType>>("family").Description("The family the user belongs to.")
            .Resolve(c => c.DataLoader<FamilyByIdDataLoader>().LoadAsync(c.Source.FamilyId));
        Field<NonNullGraphType<IntGraphType>>("totalPoints")
            .Description("The points the user can spend: the ledger's sum, so points spent on rewards are taken off (and refunds given back). Never below zero through a redemption.")
            .Resolve(c => Stats(c).Then(s => s.TotalPoints));
        Field<NonNullGraphType<IntGraphType>>("lifetimePoints")
            .Description("All points ever earned (tasks, bonuses, awards and deductions, achievements); spending on rewards and its refunds do not count. What the ALL_TIME leaderboard ranks.")
            .Resolve(c => Stats(c).Then(s => s.LifetimePoints));
        Field<NonNullGraphType<IntGraphType>>("weeklyPoints").Description("Points earned since Monday 00:00 in the family's time zone (spending on rewards does not count).")
            .Resolve(c => Stats(c).Then(s => s.WeeklyPoints));
        Field<NonNullGraphType<IntGraphType>>("currentStreak").Description(StreakDescriptions.Current)
            .Resolve(c => Stats(c).Then(s => s.Streak.Current));
        Field<NonNullGraphType<IntGraphType>>("longestStreak").Description(StreakDescriptions.Longest)
            .Resolve(c => Stats(c).Then(s => s.Streak.Longest));
        Field<AwayPeriodType>("away").Description("The member's away period that has not ended yet (current or upcoming); null when none. Set with `setAway`.")
            .Resolve(c => Stats(c).Then(s => s.Away));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserAchievementType>>>>("achievements")
            .Description("The user's progress on achievements.")
            .ListSize(AchievementCatalogue.Entries.Count)
            .Resolve(c => c.DataLoader<UserAchievementsByUserIdDataLoader>().LoadAsync(c.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskGraphType>>>>("recentTasks")
            .Description("Tasks assigned to the user, most recently changed first.")
            .Argument<IntGraphType>("limit", a => { a.DefaultValue = 10; a.Description = $"How many (at most {RecentTasksByUserIdDataLoader.MaxLimit})."; })
            .ListSize("limit", RecentTasksByUserIdDataLoader.MaxLimit)
            .Resolve(c =>
            {
                var limit = Math.Clamp(c.GetArgument("limit", 10), 0, RecentTasksByUserIdDataLoader.MaxLimit);
                return c.DataLoader<RecentTasksByUserIdDataLoader>().LoadAsync(new RecentTasksKey(c.Source.Id, limit));
            });
        Field<NonNullGraphType<UserStatsType>>("stats").Description("The user's numbers in one place.").Resolve(c => Stats(c));
        this.AddNotifications();
        this.AddNotificationPreferences();
        this.AddUserPointsHistoryConnection();
        this.AddUserRedemptionsConnection();
    }

    private static GraphQL.DataLoader.IDataLoaderResult<MemberStats> Stats(IResolveFieldContext<User> context) =>
        context.DataLoader<MemberStatsByFamilyIdDataLoader>().LoadAsync(context.Source.FamilyId)
            .Then(stats => stats?.For(context.Source.Id) ?? MemberStats.Empty);
}
