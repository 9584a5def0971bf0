using KdFamily.Domain.Streaks;
using NodaTime;

namespace KdFamily.Domain.Tests.Streaks;

/// <summary>Away days neither count nor break a streak: the calculator skips them as if they were not in the calendar.</summary>
public sealed class StreakAcrossAwayTests
{
    private static readonly LocalDate Today = new(2026, 5, 20);

    private static LocalDate DaysAgo(int days) => Today.PlusDays(-days);

    private static DateInterval Away(int fromDaysAgo, int untilDaysAgo) => new(DaysAgo(fromDaysAgo), DaysAgo(untilDaysAgo));

    [Fact]
    public void Calculate_AwayInTheMiddle_RunContinuesAcrossItWithoutCountingIt()
    {
        // Work on days 9..7 ago, away 6..3 ago, work again 2..0 ago: one run of 6 (without away mode: 3 and 3).
        LocalDate[] work = [DaysAgo(9), DaysAgo(8), DaysAgo(7), DaysAgo(2), DaysAgo(1), DaysAgo(0)];

        Assert.Equal(new Streak(3, 3), StreakCalculator.Calculate(work, Today));
        Assert.Equal(new Streak(6, 6), StreakCalculator.Calculate(work, [Away(6, 3)], Today));
    }

    [Fact]
    public void Calculate_AwayAtTheStartOfTheRecord_NeitherCountsNorStartsARun()
    {
        // Away 10..5 ago (work approved on two of those days anyway), then work 4..0 ago.
        LocalDate[] work = [DaysAgo(7), DaysAgo(6), DaysAgo(4), DaysAgo(3), DaysAgo(2), DaysAgo(1), DaysAgo(0)];

        Assert.Equal(new Streak(5, 5), StreakCalculator.Calculate(work, [Away(10, 5)], Today));
    }

    [Fact]
    public void Calculate_AwayAtTheEndOfARunThatEndedYesterday_KeepsItCurrent()
    {
        // Work 6..3 ago, away 2..1 ago, nothing yet today: the run is still current, and the away days add nothing.
        LocalDate[] work = [DaysAgo(6), DaysAgo(5), DaysAgo(4), DaysAgo(3)];

        Assert.Equal(new Streak(0, 4), StreakCalculator.Calculate(work, Today));
        Assert.Equal(new Streak(4, 4), StreakCalculator.Calculate(work, [Away(2, 1)], Today));
    }

    [Fact]
    public void Calculate_AwayCoveringToday_KeepsTheRunBeforeItCurrent()
    {
        // Away since 3 days ago and until next week; the run 8..4 ago stays current while the member is away.
        LocalDate[] work = [DaysAgo(8), DaysAgo(7), DaysAgo(6), DaysAgo(5), DaysAgo(4)];
        var away = new DateInterval(DaysAgo(3), Today.PlusDays(7));

        Assert.Equal(new Streak(5, 5), StreakCalculator.Calculate(work, [away], Today));
    }

    [Fact]
    public void Calculate_AwayCoveringTodayAfterADayMissed_DoesNotReviveTheRun()
    {
        // Work 5..3 ago, nothing 2 ago (not away: that day breaks the run), away since yesterday.
        LocalDate[] work = [DaysAgo(5), DaysAgo(4), DaysAgo(3)];

        Assert.Equal(new Streak(0, 3), StreakCalculator.Calculate(work, [new DateInterval(DaysAgo(1), Today.PlusDays(2))], Today));
    }

    [Fact]
    public void Calculate_WorkOnAnAwayDay_DoesNotCount()
    {
        Assert.Equal(Streak.None, StreakCalculator.Calculate([DaysAgo(2), DaysAgo(1)], [Away(2, 1)], Today));
    }

    [Fact]
    public void Calculate_SeveralPeriodsBackToBack_AreSkippedTogether()
    {
        // Work 10 ago, away 9..7 and 6..4 (two periods), a missed day 3 ago would break it; work 3..1 ago keeps it whole.
        LocalDate[] work = [DaysAgo(10), DaysAgo(3), DaysAgo(2), DaysAgo(1)];

        Assert.Equal(new Streak(4, 4), StreakCalculator.Calculate(work, [Away(6, 4), Away(9, 7)], Today));
        Assert.Equal(new Streak(2, 2), StreakCalculator.Calculate([DaysAgo(10), DaysAgo(2), DaysAgo(1)], [Away(6, 4), Away(9, 7)], Today));
    }
}
