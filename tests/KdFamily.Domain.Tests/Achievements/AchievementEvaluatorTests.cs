using KdFamily.Domain.Achievements;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Tests.Achievements;

public sealed class AchievementEvaluatorTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);

    private static async Task<TestDatabase> SeededAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateDbContext();
        await AchievementCatalogue.SeedAsync(context);
        return db;
    }

    [Fact]
    public async Task SeedCatalogue_RunTwice_InsertsEachCodeOnce()
    {
        var db = await TestDatabase.CreateAsync();
        await using var context = db.CreateDbContext();

        Assert.Equal(AchievementCatalogue.Entries.Count, await AchievementCatalogue.SeedAsync(context));
        Assert.Equal(0, await AchievementCatalogue.SeedAsync(context));

        var stored = await context.Achievements.AsNoTracking().SingleAsync(a => a.Code == "streak-7");
        Assert.Equal(new AchievementCriteria(AchievementCriteriaKind.StreakDays, 7), stored.Criteria);
    }

    [Fact]
    public async Task Evaluate_ThreeApprovedDaysInARow_UnlocksFirstTaskAndStreak3AndPaysOnce()
    {
        var db = await SeededAsync();
        var (family, users) = await db.AddFamilyAsync(Now - Duration.FromDays(30));
        var kid = users[2];
        for (var day = 3; day >= 1; day--)
        {
            await db.ApproveAsync(family, kid, 10, Now - Duration.FromDays(day));
        }

        await using var context = db.CreateDbContext();
        var unlocked = await AchievementEvaluator.EvaluateAsync(context, kid.Id, Now);
        var again = await AchievementEvaluator.EvaluateAsync(context, kid.Id, Now);

        Assert.Equal(["first-task", "streak-3"], unlocked.Select(u => u.Unlocked.Achievement!.Code).Order());
        Assert.Empty(again);
        var rewards = await context.PointsHistory.Where(p => p.UserId == kid.Id && p.BonusType == "achievement").OrderBy(p => p.BalanceAfter).ToListAsync();
        Assert.Equal([10, 15], rewards.Select(r => r.Delta).Order());
        Assert.Equal([40, 55], rewards.Select(r => r.BalanceAfter));
        Assert.Equal(2, await context.Notifications.CountAsync(n => n.UserId == kid.Id && n.Kind == NotificationKind.AchievementUnlocked));

        // What the evaluation returns is what it wrote: the rows the events announce are not read back.
        Assert.Equal(
            rewards.Select(r => (r.Id, r.Sequence, r.BalanceAfter)).Order(),
            unlocked.Select(u => (u.Reward!.Id, u.Reward.Sequence, u.Reward.BalanceAfter)).Order());
        var notificationIds = await context.Notifications.Where(n => n.UserId == kid.Id && n.Kind == NotificationKind.AchievementUnlocked).Select(n => n.Id).ToListAsync();
        Assert.Equal(notificationIds.Order(), unlocked.Select(u => u.Notification.Id).Order());
        var completed = await context.UserAchievements.Where(u => u.UserId == kid.Id && u.CompletedAt != null).Select(u => u.Id).ToListAsync();
        Assert.Equal(completed.Order(), unlocked.Select(u => u.Unlocked.Id).Order());

        var progress = await context.UserAchievements.Include(u => u.Achievement).Where(u => u.UserId == kid.Id).ToDictionaryAsync(u => u.Achievement!.Code);
        Assert.Equal(AchievementCatalogue.Entries.Count, progress.Count);
        Assert.Equal(30.0, progress["tasks-approved-10"].Progress);
        Assert.Equal(55.0, progress["points-100"].Progress);
        Assert.Null(progress["points-100"].CompletedAt);
        Assert.Equal(Now, progress["streak-3"].CompletedAt);
    }

    [Fact]
    public async Task Evaluate_ConcurrentlyOnSeparateContexts_UnlocksAndPaysOnce()
    {
        var db = await SeededAsync();
        var (family, users) = await db.AddFamilyAsync(Now - Duration.FromDays(30));
        var kid = users[2];
        await db.ApproveAsync(family, kid, 120, Now - Duration.FromHours(3));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var context = db.CreateDbContext();
            return await AchievementEvaluator.EvaluateAsync(context, kid.Id, Now);
        }));

        Assert.Equal(["first-task", "points-100"], runs.SelectMany(r => r).Select(u => u.Unlocked.Achievement!.Code).Order());
        await using var check = db.CreateDbContext();
        Assert.Equal(2, await check.PointsHistory.CountAsync(p => p.UserId == kid.Id && p.BonusType == "achievement"));
        Assert.Equal(2, await check.UserAchievements.CountAsync(u => u.UserId == kid.Id && u.CompletedAt != null));
    }

    [Fact]
    public async Task Evaluate_NothingNewUnlocked_RecordsProgressAndScansTheTrackedEntitiesOnce()
    {
        // SaveChanges compares every tracked entity with its snapshot. The reads' batch saves what is pending; the
        // progress rows depend on none of it, so their batch does not save (and scan) again.
        var db = await SeededAsync();
        var (family, users) = await db.AddFamilyAsync(Now - Duration.FromDays(30));
        var kid = users[2];
        await db.ApproveAsync(family, kid, 10, Now - Duration.FromHours(3));
        await using var context = db.CreateDbContext();
        Assert.Equal(["first-task"], (await AchievementEvaluator.EvaluateAsync(context, kid.Id, Now)).Select(u => u.Unlocked.Achievement!.Code));
        await db.ApproveAsync(family, kid, 10, Now - Duration.FromHours(2));
        var scans = 0;
        context.ChangeTracker.DetectedAllChanges += (_, _) => scans++;

        var unlocked = await AchievementEvaluator.EvaluateAsync(context, kid.Id, Now + Duration.FromHours(1));

        Assert.Empty(unlocked);
        Assert.Equal(1, scans);
        var points100 = await context.UserAchievements.AsNoTracking().SingleAsync(u => u.UserId == kid.Id && u.Achievement!.Code == "points-100");
        Assert.Equal(30.0, points100.Progress); // 10 + 10 for first-task + 10
        Assert.Equal(Now + Duration.FromHours(1), points100.UpdatedAt);
    }

    [Fact]
    public async Task Evaluate_UnlockedEarlier_KeepsCompletedAtAndProgressWhenTheMetricDrops()
    {
        var db = await SeededAsync();
        var (family, users) = await db.AddFamilyAsync(Now - Duration.FromDays(30));
        var kid = users[2];
        await db.ApproveAsync(family, kid, 100, Now - Duration.FromHours(3));
        await using var context = db.CreateDbContext();
        await AchievementEvaluator.EvaluateAsync(context, kid.Id, Now);
        await db.ApproveAsync(family, kid, -150, Now - Duration.FromHours(1)); // a deduction

        var unlocked = await AchievementEvaluator.EvaluateAsync(context, kid.Id, Now + Duration.FromHours(1));

        Assert.Empty(unlocked);
        var points100 = await context.UserAchievements.AsNoTracking().SingleAsync(u => u.UserId == kid.Id && u.Achievement!.Code == "points-100");
        Assert.Equal(100.0, points100.Progress);
        Assert.Equal(Now, points100.CompletedAt);
    }
}
