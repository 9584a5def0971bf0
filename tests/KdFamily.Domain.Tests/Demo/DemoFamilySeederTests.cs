using KdFamily.Domain.Demo;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace KdFamily.Domain.Tests.Demo;

public sealed class DemoFamilySeederTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 18, 17, 0));

    [Fact]
    public async Task Seed_OnEmptyDatabase_CreatesEveryRoleEveryStateAndAConsistentLedger()
    {
        await using var db = (await TestDatabase.CreateAsync()).CreateDbContext();

        Assert.True(await DemoFamilySeeder.SeedAsync(db, Clock, p => "hash:" + p));

        var roles = await db.Users.Select(u => u.Role).ToListAsync();
        Assert.Equal(5, roles.Count);
        Assert.Equal(Enum.GetValues<Users.UserRole>().Order(), roles.Distinct().Order());
        var states = await db.Tasks.Select(t => t.Status).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<FamilyTaskStatus>().Order(), states.Order());

        var rows = await db.PointsHistory.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync();
        foreach (var perUser in rows.GroupBy(r => r.UserId))
        {
            var running = 0;
            foreach (var row in perUser)
            {
                running += row.Delta;
                Assert.Equal(running, row.BalanceAfter);
            }
        }
    }

    [Fact]
    public async Task Seed_OnEmptyDatabase_OffersRewardsAndHoldsThePointsOfOnePendingRedemption()
    {
        await using var db = (await TestDatabase.CreateAsync()).CreateDbContext();
        await DemoFamilySeeder.SeedAsync(db, Clock, p => p);

        Assert.True(await db.Rewards.CountAsync(r => r.ArchivedAt == null) >= 3);
        var pending = Assert.Single(await db.Redemptions.ToListAsync());
        Assert.Equal(RedemptionStatus.Requested, pending.Status);
        var held = await db.PointsHistory.SingleAsync(p => p.IdempotencyKey == PointsLedger.RedemptionKey(pending.Id));
        Assert.Equal((PointsChangeKinds.Redemption, -pending.Cost, pending.UserId), (held.BonusType, held.Delta, held.UserId));
        Assert.True(held.BalanceAfter >= 0);
    }

    [Fact]
    public async Task Seed_SecondTime_DoesNothing()
    {
        await using var db = (await TestDatabase.CreateAsync()).CreateDbContext();
        await DemoFamilySeeder.SeedAsync(db, Clock, p => p);

        Assert.False(await DemoFamilySeeder.SeedAsync(db, Clock, p => p));
        Assert.Equal(1, await db.Families.CountAsync());
    }
}
