using KdFamily.Domain.Achievements;
using KdFamily.Domain.Tests.Infrastructure;
using KdFamily.Testing;
using NodaTime;

namespace KdFamily.Domain.Tests.Streaks;

/// <summary>Which days feed the streak calculator: days with approved work only, read from the database.</summary>
public sealed class StreakSourceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);

    [Fact]
    public async Task LoadMetrics_CompletedButUnapprovedTasks_DoNotCountInStreaks()
    {
        var db = await TestDatabase.CreateAsync();
        var (family, users) = await db.AddFamilyAsync(Now - Duration.FromDays(30));
        var kid = users[2];
        await db.ApproveAsync(family, kid, 5, Now - Duration.FromDays(1));
        await db.ApproveAsync(family, kid, 5, Now - Duration.FromDays(2));
        // Unapproved work today and the day before the run would make it 4 days long, current and longest; and five
        // unapproved days in a row two weeks ago would make the longest 5.
        await db.CompleteAsync(family, kid, Now - Duration.FromHours(1));
        await db.CompleteAsync(family, kid, Now - Duration.FromDays(3));
        for (var day = 10; day < 15; day++)
        {
            await db.CompleteAsync(family, kid, Now - Duration.FromDays(day));
        }

        await using var context = db.CreateDbContext();
        var metrics = await AchievementEvaluator.LoadMetricsAsync(context, kid.Id, family.Id, family.TimeZone, Now);

        Assert.Equal((2, 2, 2), (metrics.CurrentStreak, metrics.LongestStreak, metrics.TasksApproved));
    }
}
