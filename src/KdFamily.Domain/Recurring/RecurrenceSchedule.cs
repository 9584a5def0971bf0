using NodaTime;

namespace KdFamily.Domain.Recurring;

/// <summary>
/// The occurrence dates of a recurrence, anchored at its start date, and their due instants in a family's zone.
/// <list type="bullet">
/// <item>DAILY every N days: start, start + N, start + 2N, …</item>
/// <item>WEEKLY every N weeks on ISO weekdays: the given days of the start's week, then of every Nth week after it
/// (weeks begin on Monday; no weekdays means the start's weekday).</item>
/// <item>MONTHLY every N months on day D: the start's month and every Nth after it, on D clamped to the month's
/// length (31 → 30, 29 or 28); no day means the start's day.</item>
/// </list>
/// Occurrences are calendar dates; the due instant is the date plus the local due time, resolved leniently so a
/// time skipped by DST moves forward by the gap and an ambiguous time takes its first (earlier) instant.
/// </summary>
public sealed record RecurrenceSchedule(
    RecurrenceFrequency Frequency, int Interval, IReadOnlyCollection<int> DaysOfWeek, int? DayOfMonth, LocalDate StartDate, LocalTime DueTime)
{
    public const int MaxInterval = 366;

    public static RecurrenceSchedule Of(RecurringTaskTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new RecurrenceSchedule(
            template.Frequency, template.Interval, template.DaysOfWeek, template.DayOfMonth, template.StartDate, template.DueTime);
    }

    private int Step => Math.Clamp(Interval, 1, MaxInterval);

    /// <summary>The first occurrence on or after <paramref name="from"/> (never before the start date).</summary>
    public LocalDate NextOnOrAfter(LocalDate from)
    {
        if (from < StartDate)
        {
            from = StartDate;
        }

        return Frequency switch
        {
            RecurrenceFrequency.Daily => NextDaily(from),
            RecurrenceFrequency.Weekly => NextWeekly(from),
            RecurrenceFrequency.Monthly => NextMonthly(from),
            _ => throw new InvalidOperationException($"Unknown frequency {Frequency}."),
        };
    }

    /// <summary>The first occurrence on or after <paramref name="from"/> whose due instant is after <paramref name="now"/>.</summary>
    public LocalDate NextDueAfter(LocalDate from, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        var date = NextOnOrAfter(from < today ? today : from);
        return DueAt(date, zone) > now ? date : NextOnOrAfter(date.PlusDays(1));
    }

    /// <summary>When the occurrence on <paramref name="date"/> is due: its local due time in <paramref name="zone"/>, resolved leniently.</summary>
    public Instant DueAt(LocalDate date, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (date + DueTime).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>The next <paramref name="count"/> occurrences from <paramref name="from"/>.</summary>
    public IEnumerable<LocalDate> Occurrences(LocalDate from, int count)
    {
        var date = NextOnOrAfter(from);
        for (var i = 0; i < count; i++)
        {
            yield return date;
            date = NextOnOrAfter(date.PlusDays(1));
        }
    }

    private LocalDate NextDaily(LocalDate from)
    {
        var days = Period.DaysBetween(StartDate, from);
        var steps = (days + Step - 1) / Step;
        return StartDate.PlusDays(steps * Step);
    }

    private LocalDate NextWeekly(LocalDate from)
    {
        var weekdays = DaysOfWeek.Count == 0 ? [(int)StartDate.DayOfWeek] : DaysOfWeek.Where(d => d is >= 1 and <= 7).ToHashSet();
        var anchorMonday = Monday(StartDate);

        // Every week in the cycle is looked at at most once, so Step + 1 weeks always contain the next occurrence.
        for (var date = from; date <= from.PlusWeeks(Step + 1); date = date.PlusDays(1))
        {
            var week = Period.DaysBetween(anchorMonday, Monday(date)) / 7;
            if (week % Step == 0 && weekdays.Contains((int)date.DayOfWeek))
            {
                return date;
            }
        }

        throw new InvalidOperationException("A weekly recurrence needs at least one weekday between 1 (Monday) and 7 (Sunday).");
    }

    private LocalDate NextMonthly(LocalDate from)
    {
        var day = DayOfMonth ?? StartDate.Day;
        var monthsFromStart = ((from.Year - StartDate.Year) * 12) + from.Month - StartDate.Month;
        var k = Math.Max(0, monthsFromStart / Step);
        while (true)
        {
            var month = new LocalDate(StartDate.Year, StartDate.Month, 1).PlusMonths(k * Step);
            var date = new LocalDate(month.Year, month.Month, Math.Min(day, month.Calendar.GetDaysInMonth(month.Year, month.Month)));
            if (date >= from)
            {
                return date;
            }

            k++;
        }
    }

    private static LocalDate Monday(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
}
