using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using KdFamily.Domain.Points;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Leaderboards;

/// <summary>
/// Records each family's final weekly standings once its week (Monday 00:00 in the family's zone) has ended.
/// Weeks missed while no job ran are caught up, oldest first, back to the week the family was created in.
/// A duplicate settlement (another instance was faster) hits the unique (family, week) index and is ignored,
/// so running this anywhere, any number of times, records each week exactly once. Each (family, week) is one unit of
/// work: the weekly settlement job runs <see cref="SettleAsync"/> for each due week in its own transaction.
/// </summary>
public static class WeeklySettlementService
{
    /// <summary>Where each family's settlement stands: the units of work of the weekly settlement are each family's <see cref="FamilySettlementState.DueWeeks"/>.</summary>
    public static async Task<IReadOnlyList<FamilySettlementState>> FamilyStatesAsync(KdFamilyDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Families.AsNoTracking()
            .Select(f => new FamilySettlementState(
                f.Id, f.TimeZone, f.CreatedAt, db.WeeklySettlements.Where(s => s.FamilyId == f.Id).Max(s => (LocalDate?)s.WeekStart)))
            .ToListAsync(cancellationToken);
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
    public static async Task<WeeklySettlement?> SettleAsync(
        KdFamilyDbContext db, Guid familyId, FamilyWeek week, Instant now, ICollection<AchievementUnlock> unlocked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unlocked);
        ArgumentNullException.ThrowIfNull(db);
        if (await db.WeeklySettlements.AnyAsync(s => s.FamilyId == familyId && s.WeekStart == week.StartDate, cancellationToken))
        {
            return null;
        }

        var points = await db.PointsHistory.AsNoTracking()
            .Where(p => p.FamilyId == familyId && p.CreatedAt >= week.Start && p.CreatedAt < week.End)
            .Where(p => !PointsChangeKinds.Spending.Contains(p.BonusType))
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
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
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

/// <summary>A family's zone, creation and last settled week: enough to know which of its weeks are due.</summary>
public sealed record FamilySettlementState(Guid FamilyId, string TimeZone, Instant CreatedAt, LocalDate? LastSettled)
{
    /// <summary>The ended, unsettled weeks, oldest first (throws for a corrupt zone or date: the caller isolates the family).</summary>
    public IEnumerable<FamilyWeek> DueWeeks(Instant now) => WeeklySettlementService.EndedUnsettledWeeks(TimeZone, CreatedAt, LastSettled, now);
}
