using KdFamily.Domain.Achievements;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Tests.Leaderboards;

public sealed class WeeklySettlementServiceTests
{
    // Wednesday 20 May 2026; the previous Berlin week is Mon 11 May 00:00 CEST (10 May 22:00 UTC) to Mon 18 May.
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);
    private static readonly LocalDate LastWeek = new(2026, 5, 11);

    [Fact]
    public void EndedUnsettledWeeks_NeverSettled_StartsAtTheFamilysFirstWeekAndStopsBeforeTheCurrentOne()
    {
        var weeks = WeeklySettlementService.EndedUnsettledWeeks("Europe/Berlin", Instant.FromUtc(2026, 4, 30, 9, 0), null, Now).ToList();

        Assert.Equal([new LocalDate(2026, 4, 27), new LocalDate(2026, 5, 4), LastWeek], weeks.Select(w => w.StartDate));
        Assert.Equal(Instant.FromUtc(2026, 5, 10, 22, 0), weeks[^1].Start);
        Assert.Empty(WeeklySettlementService.EndedUnsettledWeeks("Europe/Berlin", Instant.FromUtc(2026, 4, 30, 9, 0), LastWeek, Now));
    }

    [Fact]
    public void EndedUnsettledWeeks_WeekEndedOneMinuteAgoInTheFamilysZone_IsDue()
    {
        // Monday 18 May 00:01 in Berlin is 17 May 22:01 UTC: still Sunday in UTC, but the Berlin week is over.
        var weeks = WeeklySettlementService.EndedUnsettledWeeks("Europe/Berlin", Instant.FromUtc(2026, 5, 12, 9, 0), null, Instant.FromUtc(2026, 5, 17, 22, 1));

        Assert.Equal([LastWeek], weeks.Select(w => w.StartDate));
    }

    [Fact]
    public async Task SettleEndedWeeks_PointsInAndAroundTheWeek_RanksOnlyThatWeeksLedgerWithTies()
    {
        var db = await TestDatabase.CreateAsync();
        await using (var context = db.CreateDbContext())
        {
            await AchievementCatalogue.SeedAsync(context);
        }

        var (family, users) = await db.AddFamilyAsync(Instant.FromUtc(2026, 5, 12, 8, 0), memberCount: 3);
        await db.ApproveAsync(family, users[2], 30, Instant.FromUtc(2026, 5, 12, 10, 0));
        await db.ApproveAsync(family, users[3], 20, Instant.FromUtc(2026, 5, 13, 10, 0));
        await db.ApproveAsync(family, users[3], 10, Instant.FromUtc(2026, 5, 17, 21, 59)); // Sunday 23:59 Berlin: last week
        await db.ApproveAsync(family, users[4], 50, Instant.FromUtc(2026, 5, 17, 22, 0)); // Monday 00:00 Berlin: this week

        var settled = await SettleAllAsync(db);

        var settlement = Assert.Single(settled);
        Assert.Equal(LastWeek, settlement.WeekStart);
        var byUser = settlement.Standings.ToDictionary(s => s.UserId);
        Assert.Equal((1, 30), (byUser[users[2].Id].Rank, byUser[users[2].Id].Points));
        Assert.Equal((1, 30), (byUser[users[3].Id].Rank, byUser[users[3].Id].Points));
        Assert.Equal((3, 0), (byUser[users[0].Id].Rank, byUser[users[0].Id].Points));
        Assert.Equal(0, byUser[users[4].Id].Points);
        Assert.Equal(5, settlement.Standings.Count);

        await using var check = db.CreateDbContext();
        var winners = await check.UserAchievements.Where(u => u.Achievement!.Code == "weekly-winner" && u.CompletedAt != null).Select(u => u.UserId).ToListAsync();
        Assert.Equal(new[] { users[2].Id, users[3].Id }.Order(), winners.Order());
        Assert.Empty(await SettleAllAsync(db));
    }

    [Fact]
    public async Task SettleEndedWeeks_RunTwiceConcurrentlyOnSeparateContexts_RecordsOneSettlementAndPaysTheWinnerOnce()
    {
        var db = await TestDatabase.CreateAsync();
        await using (var context = db.CreateDbContext())
        {
            await AchievementCatalogue.SeedAsync(context);
        }

        var (family, users) = await db.AddFamilyAsync(Instant.FromUtc(2026, 5, 12, 8, 0));
        await db.ApproveAsync(family, users[2], 40, Instant.FromUtc(2026, 5, 14, 10, 0));

        var runs = await Task.WhenAll(
            Task.Run(() => SettleAllAsync(db)),
            Task.Run(() => SettleAllAsync(db)));

        Assert.Equal(1, runs.Sum(r => r.Count));
        await using var check = db.CreateDbContext();
        Assert.Equal(1, await check.WeeklySettlements.CountAsync(s => s.FamilyId == family.Id && s.WeekStart == LastWeek));
        Assert.Equal(1, await check.PointsHistory.CountAsync(p => p.UserId == users[2].Id && p.Reason == "Achievement unlocked: Weekly Winner"));
    }

    /// <summary>What the weekly settlement job does, unit by unit: each due week in its own context.</summary>
    private static async Task<List<WeeklySettlement>> SettleAllAsync(TestDatabase db)
    {
        IReadOnlyList<FamilySettlementState> families;
        await using (var context = db.CreateDbContext())
        {
            families = await WeeklySettlementService.FamilyStatesAsync(context);
        }

        var settled = new List<WeeklySettlement>();
        foreach (var (familyId, week) in families.SelectMany(f => f.DueWeeks(Now).Select(week => (f.FamilyId, week))))
        {
            await using var unit = db.CreateDbContext();
            if (await WeeklySettlementService.SettleAsync(unit, familyId, week, Now, []) is { } settlement)
            {
                settled.Add(settlement);
            }
        }

        return settled;
    }
}
