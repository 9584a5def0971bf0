using KdFamily.Domain.Streaks;
using NodaTime;

namespace KdFamily.Domain.Tests.Streaks;

public sealed class StreakCalculatorTests
{
    private static readonly LocalDate Today = new(2026, 5, 20);

    private static LocalDate DaysAgo(int days) => Today.PlusDays(-days);

    [Fact]
    public void Calculate_RunEndingToday_CountsIt()
    {
        var streak = StreakCalculator.Calculate([DaysAgo(0), DaysAgo(1), DaysAgo(2), DaysAgo(5)], Today);
        Assert.Equal(new Streak(3, 3), streak);
    }

    [Fact]
    public void Calculate_RunEndingYesterday_StillCurrent()
    {
        var streak = StreakCalculator.Calculate([DaysAgo(1), DaysAgo(2)], Today);
        Assert.Equal(new Streak(2, 2), streak);
    }

    [Fact]
    public void Calculate_LastDayTwoDaysAgo_CurrentIsZeroLongestKept()
    {
        var streak = StreakCalculator.Calculate([DaysAgo(2), DaysAgo(3), DaysAgo(4), DaysAgo(5), DaysAgo(10)], Today);
        Assert.Equal(new Streak(0, 4), streak);
    }

    [Fact]
    public void Calculate_DuplicateDatesAndMonthBoundary_CountEachDayOnce()
    {
        var today = new LocalDate(2026, 3, 1);
        var streak = StreakCalculator.Calculate([today, today, new LocalDate(2026, 2, 28), new LocalDate(2026, 2, 27)], today);
        Assert.Equal(new Streak(3, 3), streak);
    }

    [Fact]
    public void Calculate_NoDates_IsNone()
    {
        Assert.Equal(Streak.None, StreakCalculator.Calculate([], Today));
    }
}
