using GraphQL.DataLoader;
using GraphQLServer.DataLoader;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Leaderboards;

/// <summary>Builds a family's leaderboard from the members and member-stats loaders (no query of its own).</summary>
public static class FamilyLeaderboard
{
    public static IDataLoaderResult<IReadOnlyList<LeaderboardEntry>> Load(DataLoaderContext loaders, Guid familyId, LeaderboardPeriod period)
    {
        ArgumentNullException.ThrowIfNull(loaders);
        return DataLoaderResult.Combine(
            loaders.GetLoader<MembersByFamilyIdDataLoader>().LoadAsync(familyId),
            loaders.GetLoader<MemberStatsByFamilyIdDataLoader>().LoadAsync(familyId),
            (members, stats) => Rank(members, stats, period));
    }

    public static IReadOnlyList<LeaderboardEntry> Rank(IReadOnlyList<User> members, FamilyMemberStats? stats, LeaderboardPeriod period)
    {
        ArgumentNullException.ThrowIfNull(members);
        MemberStats Of(User user) => stats?.For(user.Id) ?? MemberStats.Empty;
        return [.. CompetitionRanking
            .Rank(members, u => period == LeaderboardPeriod.Week ? Of(u).WeeklyPoints : Of(u).LifetimePoints, u => u.FullName)
            .Select(r => new LeaderboardEntry(period, r.Rank, r.Item, r.Score, Of(r.Item).WeeklyPoints, Of(r.Item).TotalPoints, Of(r.Item).LifetimePoints, Of(r.Item).IsAway))];
    }
}
