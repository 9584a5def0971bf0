using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using KdFamily.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace KdFamily.Domain.Leaderboards;

/// <summary>
/// Records each family's final weekly standings once its week (Monday 00:00 in the family's zone) has ended.
/// Weeks missed while no job ran are caught up, oldest first, back to the week the family was created in.
/// A duplicate settlement (another instance was faster) hits the unique (family, week) index and is ignored,
/// so running this anywhere, any number of times, records each week exactly once.
/// </summary>
public static class WeeklySettlementService
{
    /// <summary>Settles every ended, unsettled week of every family.</summary>
    /// <returns>The settlements this call recorded.</returns>
    public static Task<IReadOnlyList<WeeklySettlement>> SettleEndedWeeksAsync(
        IDbContextFactory<KdFamilyDbContext> dbFactory, Instant now, CancellationToken cancellationToken = default) =>
        SettleEndedWeeksAsync(dbFactory, now, [], cancellationToken);

    /// <summary>
    /// Settles every ended, unsettled week of every family; <c>unlocked</c> receives the achievements the winners
    /// unlocked (committed), e.g. to announce them.
    /// </summary>
    /// <returns>The settlements this call recorded.</returns>
    public static Task<IReadOnlyList<WeeklySettlement>> SettleEndedWeeksAsync(
        IDbContextFactory<KdFamilyDbContext> dbFactory, Instant now, ICollection<UserAchievement> unlocked, CancellationToken cancellationToken = default) =>
        SettleEndedWeeksAsync(dbFactory, now, unlocked, failures: null, cancellationToken);

    /// <summary>
    /// As above. With <paramref name="failures"/>, a family whose settlement fails (e.g. a corrupt row) is recorded
    /// there, its later weeks wait for the next run, and the other families are still settled; without it, the first
    /// failure is thrown.
    /// </summary>
    /// <returns>The settlements this call recorded.</returns>
    public static async Task<IReadOnlyList<WeeklySettlement>> SettleEndedWeeksAsync(
        IDbContextFactory<KdFamilyDbContext> dbFactory,
        Instant now,
        ICollection<UserAchievement> unlocked,
        ICollection<JobItemFailure>? failures,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        List<(Guid Id, string TimeZone, Instant CreatedAt, LocalDate? LastSettled)> families;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            families = (await db.Families.AsNoTracking()
                .Select(f => new
                {
                    f.Id,
                    f.TimeZone,
                    f.CreatedAt,
                    LastSettled = db.WeeklySettlements.Where(s => s.FamilyId == f.Id).Max(s => (LocalDate?)s.WeekStart),
                })
                .ToListAsync(cancellationToken))
                .Select(f => (f.Id, f.TimeZone, f.CreatedAt, f.LastSettled))
                .ToList();
        }

        var recorded = new List<WeeklySettlement>();
        foreach (var family in families)
        {
            try
            {
                foreach (var week in EndedUnsettledWeeks(family.TimeZone, family.CreatedAt, family.LastSettled, now))
                {
                    await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                    var settlement = await SettleAsync(db, family.Id, week, now, unlocked, cancellationToken);
                    if (settlement is not null)
                    {
                        recorded.Add(settlement);
                    }
                }
            }
            catch (Exception ex) when (failures is not null && ex is not OperationCanceledException)
            {
                failures.Add(new JobItemFailure(family.Id, null, ex));
            }
        }

        return recorded;
    }

    /// <summary>The weeks after the last settled one (or from the family's first week) that have ended by <paramref name="now"/>.</summary>
    public static IEnumerable<FamilyWeek> EndedUnsettledWeeks(string timeZone, Instant familyCreatedAt, LocalDate? lastSettled, Instant now)
    {
        var zone = FamilyWeek.Zone(timeZone);
        var current = FamilyWeek.Containing(now, zone);
        var first = lastSettled?.PlusWeeks(1) ?? FamilyWeek.Containing(familyCreatedAt, zone).StartDate;
        for (var monday = first; monday < current.StartDate; monday = monday.PlusWeeks(1))
        {
            yield return new FamilyWeek(monday, zone.AtStartOfDay(monday).ToInstant(), zone.AtStartOfDay(monday.PlusWeeks(1)).ToInstant());
        }
    }

    /// <summary>
    /// Computes and records one family's standings for an ended week, then evaluates the winners' achievements.
    /// Ranked: the members who belonged to the family during the week, plus anyone with ledger rows in it.
    /// </summary>
    /// <returns>The settlement, or null when the week was settled already (now or concurrently).</returns>
    public static Task<WeeklySettlement?> SettleAsync(
        KdFamilyDbContext db, Guid familyId, FamilyWeek week, Instant now, CancellationToken cancellationToken = default) =>
        SettleAsync(db, familyId, week, now, [], cancellationToken);

    /// <summary>As above; <paramref name="unlocked"/> receives the achievements the winners unlocked.</summary>
    public static async Task<WeeklySettlement?> SettleAsync(
        KdFamilyDbContext db, Guid familyId, FamilyWeek week, Instant now, ICollection<UserAchievement> unlocked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unlocked);
        ArgumentNullException.ThrowIfNull(db);
        if (await db.WeeklySettlements.AnyAsync(s => s.FamilyId == familyId && s.WeekStart == week.StartDate, cancellationToken))
        {
            return null;
        }

        var points = await db.PointsHistory.AsNoTracking()
            .Where(p => p.FamilyId == familyId && p.CreatedAt >= week.Start && p.CreatedAt < week.End)
            .GroupBy(p => p.UserId)
            .Select(g => new { UserId = g.Key, Points = g.Sum(p => p.Delta) })
            .ToDictionaryAsync(x => x.UserId, x => x.Points, cancellationToken);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.FamilyId == familyId || points.Keys.Contains(u.Id))
            .Where(u => points.Keys.Contains(u.Id) || (u.CreatedAt < week.End && (u.RemovedAt == null || u.RemovedAt >= week.Start)))
            .Select(u => new { u.Id, u.FullName })
            .ToListAsync(cancellationToken);

        var standings = CompetitionRanking.Rank(members, m => points.GetValueOrDefault(m.Id), m => m.FullName)
            .Select(r => new SettledStanding(r.Item.Id, r.Rank, r.Score))
            .ToList();
        var settlement = new WeeklySettlement { FamilyId = familyId, WeekStart = week.StartDate, SettledAt = now, Standings = standings };
        db.WeeklySettlements.Add(settlement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(settlement).State = EntityState.Detached;
            return null;
        }

        foreach (var winner in standings.Where(s => IsWinningStanding(s)))
        {
            foreach (var achievement in await AchievementEvaluator.EvaluateAsync(db, winner.UserId, now, cancellationToken))
            {
                unlocked.Add(achievement);
            }
        }

        return settlement;
    }

    /// <summary>A weekly win: rank 1 with points (a week nobody scored in has no winner).</summary>
    public static bool IsWinner(IEnumerable<SettledStanding> standings, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(standings);
        return standings.Any(s => s.UserId == userId && IsWinningStanding(s));
    }

    private static bool IsWinningStanding(SettledStanding standing) => standing.Rank == 1 && standing.Points > 0;
}
