using KdFamily.Domain.Achievements;

namespace KdFamily.Domain.Tests.Achievements;

public sealed class AchievementProgressTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(3, 30.0)]
    [InlineData(9, 90.0)]
    [InlineData(10, 100.0)]
    [InlineData(25, 100.0)]
    public void Percent_TasksApproved_IsTheShareOfTheThresholdCappedAt100(int approved, double expected)
    {
        var criteria = new AchievementCriteria(AchievementCriteriaKind.TasksApproved, 10);

        Assert.Equal(expected, AchievementProgress.Percent(criteria, UserMetrics.None with { TasksApproved = approved }));
    }

    [Fact]
    public void Percent_JustBelowTheThreshold_IsNotShownAsDone()
    {
        var criteria = new AchievementCriteria(AchievementCriteriaKind.TotalPoints, 1000);

        var percent = AchievementProgress.Percent(criteria, UserMetrics.None with { TotalPoints = 999 });

        Assert.Equal(99.9, percent);
        Assert.False(AchievementProgress.IsMet(criteria, UserMetrics.None with { TotalPoints = 999 }));
    }

    [Fact]
    public void Percent_NegativeBalance_IsZero()
    {
        var criteria = new AchievementCriteria(AchievementCriteriaKind.TotalPoints, 100);

        Assert.Equal(0, AchievementProgress.Percent(criteria, UserMetrics.None with { TotalPoints = -20 }));
    }

    [Fact]
    public void IsMet_StreakReachedEarlierButBrokenNow_CountsTheLongestRun()
    {
        var criteria = new AchievementCriteria(AchievementCriteriaKind.StreakDays, 7);

        Assert.True(AchievementProgress.IsMet(criteria, UserMetrics.None with { CurrentStreak = 1, LongestStreak = 8 }));
        Assert.Equal(42.8, AchievementProgress.Percent(criteria, UserMetrics.None with { CurrentStreak = 3, LongestStreak = 3 }));
    }

    [Fact]
    public void IsMet_WeeklyWins_ComparesWithTheThreshold()
    {
        var criteria = new AchievementCriteria(AchievementCriteriaKind.WeeklyWins, 1);

        Assert.False(AchievementProgress.IsMet(criteria, UserMetrics.None));
        Assert.True(AchievementProgress.IsMet(criteria, UserMetrics.None with { WeeklyWins = 1 }));
    }

    [Fact]
    public void Catalogue_CoversEveryBadgeLevelAndCriteriaKindWithUniqueCodes()
    {
        var entries = AchievementCatalogue.Entries;

        Assert.True(entries.Count >= 10);
        Assert.Equal(entries.Count, entries.Select(e => e.Code).Distinct().Count());
        Assert.Equal(Enum.GetValues<BadgeLevel>(), entries.Select(e => e.BadgeLevel).Distinct().Order());
        Assert.Equal(Enum.GetValues<AchievementCriteriaKind>(), entries.Select(e => e.Criteria.Kind).Distinct().Order());
    }
}
