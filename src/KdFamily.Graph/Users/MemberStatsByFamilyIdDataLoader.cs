using GraphQLServer.DataLoader;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Streaks;
using KdFamily.Graph.Families;
using KdFamily.Graph.Reads;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Users;

/// <summary>
/// Points, task counts and streaks of one member in the family's current week, and their away mode.
/// <see cref="TotalPoints"/> is the spendable balance (the ledger's sum); <see cref="LifetimePoints"/> and
/// <see cref="WeeklyPoints"/> count points earned (spending on rewards and its refunds left out). <see cref="Away"/> is the
/// period that has not ended yet (current or upcoming), <see cref="IsAway"/> whether it covers today.
/// </summary>
public sealed record MemberStats(int TotalPoints, int LifetimePoints, int WeeklyPoints, int TasksApproved, int TasksApprovedThisWeek, int ActiveTasks, Streak Streak, DateInterval? Away = null)
{
    public static MemberStats Empty { get; } = new(0, 0, 0, 0, 0, 0, Streak.None);

    public bool IsAway { get; init; }
}

/// <summary>Every member's stats of one family, and the week they were computed for.</summary>
public sealed record FamilyMemberStats(FamilyWeek Week, IReadOnlyDictionary<Guid, MemberStats> ByUser)
{
    public MemberStats For(Guid userId) => ByUser.GetValueOrDefault(userId) ?? MemberStats.Empty;
}

/// <summary>
/// The stats of all members of the requested families in ONE statement (<see cref="MemberStatsQuery"/>), shared by
/// every `User.totalPoints/weeklyPoints/currentStreak/...`, `Family.leaderboard` and `Family.weeklyStats`.
/// </summary>
public sealed class MemberStatsByFamilyIdDataLoader(NpgsqlDataSource dataSource, DataLoaderContext loaders, IClock clock)
    : BatchDataLoader<Guid, FamilyMemberStats>
{
    protected override async Task<IReadOnlyDictionary<Guid, FamilyMemberStats>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        var familyLoader = loaders.GetLoader<FamilyByIdDataLoader>();
        var pending = keys.Select(familyLoader.LoadAsync).ToList();
        var families = (await Task.WhenAll(pending.Select(p => p.GetResultAsync(cancellationToken)))).OfType<Domain.Families.Family>().ToList();
        var now = clock.GetCurrentInstant();
        var scopes = families.ToDictionary(f => f.Id, f =>
        {
            var zone = FamilyWeek.Zone(f.TimeZone);
            return (Zone: zone, Week: FamilyWeek.Containing(now, zone), TimeZone: zone.Id);
        });

        var (sql, parameters) = MemberStatsQuery.Statement([.. scopes.Select(s => new MemberStatsScope(s.Key, s.Value.TimeZone, s.Value.Week.Start))]);
        var rows = await ReadQuery.ListAsync(dataSource, sql, MemberStatsQuery.Read, cancellationToken, parameters);

        return scopes.ToDictionary(s => s.Key, s =>
        {
            var today = now.InZone(s.Value.Zone).Date;
            var byUser = rows.Where(r => r.FamilyId == s.Key).ToDictionary(
                r => r.UserId,
                r =>
                {
                    var away = r.AwayPeriods.FirstOrDefault(p => p.End >= today);
                    return new MemberStats(r.TotalPoints, r.LifetimePoints, r.WeeklyPoints, r.TasksApproved, r.TasksApprovedThisWeek, r.ActiveTasks,
                        StreakCalculator.Calculate(r.CompletionDates, r.AwayPeriods, today), away)
                    {
                        IsAway = away?.Contains(today) == true,
                    };
                });
            return new FamilyMemberStats(s.Value.Week, byUser);
        });
    }
}
