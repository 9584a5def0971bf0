using NodaTime;

namespace KdFamily.Domain.Dates;

/// <summary>
/// The calendar range the service accepts in any date or point in time it is given: 2000-01-01 to 2100-12-31
/// (UTC dates for instants). Schedules and week arithmetic near NodaTime's limits (year 9999) overflow, so a value
/// far outside what a family can plan for is refused on input rather than failing later in a background job.
/// </summary>
public static class SupportedDates
{
    public static readonly LocalDate Min = new(2000, 1, 1);
    public static readonly LocalDate Max = new(2100, 12, 31);

    public static string Range => "between 2000-01-01 and 2100-12-31";

    public static bool Contains(LocalDate date) => date >= Min && date <= Max;

    public static bool Contains(Instant instant) => Contains(instant.InUtc().Date);
}
