using KdFamily.Domain.Recurring;
using NodaTime;

namespace KdFamily.Domain.Tests.Recurring;

public sealed class RecurrenceScheduleTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static RecurrenceSchedule Schedule(
        RecurrenceFrequency frequency, int interval, LocalDate start, int[]? days = null, int? dayOfMonth = null, LocalTime? due = null) =>
        new(frequency, interval, days ?? [], dayOfMonth, start, due ?? new LocalTime(18, 0));

    [Fact]
    public void Daily_EveryThreeDays_StepsFromTheStartDate()
    {
        var schedule = Schedule(RecurrenceFrequency.Daily, 3, new LocalDate(2026, 5, 1));

        Assert.Equal(
            [new LocalDate(2026, 5, 4), new LocalDate(2026, 5, 7), new LocalDate(2026, 5, 10)],
            schedule.Occurrences(new LocalDate(2026, 5, 2), 3));
        Assert.Equal(new LocalDate(2026, 5, 1), schedule.NextOnOrAfter(new LocalDate(2026, 1, 1)));
    }

    [Fact]
    public void Weekly_EveryTwoWeeksOnMondayAndThursday_SkipsTheOffWeeks()
    {
        // 2026-05-06 is a Wednesday: its week (Mon 4 May) is week 0 of the cycle.
        var schedule = Schedule(RecurrenceFrequency.Weekly, 2, new LocalDate(2026, 5, 6), days: [1, 4]);

        Assert.Equal(
            [new LocalDate(2026, 5, 7), new LocalDate(2026, 5, 18), new LocalDate(2026, 5, 21), new LocalDate(2026, 6, 1)],
            schedule.Occurrences(new LocalDate(2026, 5, 6), 4));
    }

    [Fact]
    public void Weekly_WithoutWeekdays_UsesTheStartWeekday()
    {
        var schedule = Schedule(RecurrenceFrequency.Weekly, 1, new LocalDate(2026, 5, 6));

        Assert.Equal([new LocalDate(2026, 5, 6), new LocalDate(2026, 5, 13)], schedule.Occurrences(new LocalDate(2026, 5, 1), 2));
    }

    [Fact]
    public void Monthly_OnThe31st_ClampsToEachMonthsLastDay()
    {
        var schedule = Schedule(RecurrenceFrequency.Monthly, 1, new LocalDate(2027, 1, 31), dayOfMonth: 31);

        Assert.Equal(
            [new LocalDate(2027, 1, 31), new LocalDate(2027, 2, 28), new LocalDate(2027, 3, 31), new LocalDate(2027, 4, 30)],
            schedule.Occurrences(new LocalDate(2027, 1, 1), 4));
    }

    [Fact]
    public void Monthly_On29thEveryTwelveMonthsFromALeapYear_ClampsInCommonYears()
    {
        var schedule = Schedule(RecurrenceFrequency.Monthly, 12, new LocalDate(2028, 2, 29), dayOfMonth: 29);

        Assert.Equal([new LocalDate(2028, 2, 29), new LocalDate(2029, 2, 28)], schedule.Occurrences(new LocalDate(2028, 1, 1), 2));
    }

    [Fact]
    public void Monthly_EveryThreeMonths_StartsCountingAtTheStartMonth()
    {
        var schedule = Schedule(RecurrenceFrequency.Monthly, 3, new LocalDate(2026, 11, 15), dayOfMonth: 10);

        // November's 10th is before the start, so the first occurrence is three months later.
        Assert.Equal([new LocalDate(2027, 2, 10), new LocalDate(2027, 5, 10)], schedule.Occurrences(new LocalDate(2026, 11, 1), 2));
    }

    [Fact]
    public void DueAt_DailyAcrossSpringForward_KeepsTheLocalTime()
    {
        var schedule = Schedule(RecurrenceFrequency.Daily, 1, new LocalDate(2026, 3, 28));

        Assert.Equal(Instant.FromUtc(2026, 3, 28, 17, 0), schedule.DueAt(new LocalDate(2026, 3, 28), Berlin)); // CET
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 16, 0), schedule.DueAt(new LocalDate(2026, 3, 29), Berlin)); // CEST
    }

    [Fact]
    public void DueAt_TimeSkippedBySpringForward_MovesForwardByTheGap()
    {
        var schedule = Schedule(RecurrenceFrequency.Daily, 1, new LocalDate(2026, 3, 1), due: new LocalTime(2, 30));

        // 02:30 does not exist on 29 March 2026 in Berlin; lenient resolution gives 03:30 CEST.
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), schedule.DueAt(new LocalDate(2026, 3, 29), Berlin));
    }

    [Fact]
    public void DueAt_AmbiguousTimeAtFallBack_TakesTheEarlierInstant()
    {
        var schedule = Schedule(RecurrenceFrequency.Daily, 1, new LocalDate(2026, 10, 1), due: new LocalTime(2, 30));

        // 02:30 happens twice on 25 October 2026; the first one is still CEST (UTC+2).
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), schedule.DueAt(new LocalDate(2026, 10, 25), Berlin));
        Assert.Equal(Instant.FromUtc(2026, 10, 26, 1, 30), schedule.DueAt(new LocalDate(2026, 10, 26), Berlin));
    }

    [Fact]
    public void NextDueAfter_SeriesOverdueByWeeks_SkipsToTheNextFutureOccurrence()
    {
        var schedule = Schedule(RecurrenceFrequency.Weekly, 1, new LocalDate(2026, 3, 2), days: [1, 5]);
        var now = Instant.FromUtc(2026, 5, 20, 12, 0); // Wednesday

        var next = schedule.NextDueAfter(new LocalDate(2026, 3, 3), now, Berlin);

        Assert.Equal(new LocalDate(2026, 5, 22), next);
        Assert.True(schedule.DueAt(next, Berlin) > now);
    }

    [Fact]
    public void NextDueAfter_TodaysOccurrenceAlreadyDue_TakesTheNextOne()
    {
        var schedule = Schedule(RecurrenceFrequency.Daily, 1, new LocalDate(2026, 5, 1));

        Assert.Equal(new LocalDate(2026, 5, 20), schedule.NextDueAfter(new LocalDate(2026, 5, 20), Instant.FromUtc(2026, 5, 20, 15, 59), Berlin));
        Assert.Equal(new LocalDate(2026, 5, 21), schedule.NextDueAfter(new LocalDate(2026, 5, 20), Instant.FromUtc(2026, 5, 20, 16, 0), Berlin));
    }
}
