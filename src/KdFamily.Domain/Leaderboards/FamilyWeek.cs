using NodaTime;

namespace KdFamily.Domain.Leaderboards;

/// <summary>
/// A family's week: Monday 00:00 to the next Monday 00:00 in the family's time zone. Computed with NodaTime,
/// so weeks spanning a DST change are 167 or 169 hours long and a zone whose midnight is skipped starts the
/// week at the first instant of that Monday.
/// </summary>
public readonly record struct FamilyWeek(LocalDate StartDate, Instant Start, Instant End)
{
    /// <summary>The family week that contains <paramref name="now"/>.</summary>
    public static FamilyWeek Containing(Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var monday = now.InZone(zone).Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        return new FamilyWeek(monday, zone.AtStartOfDay(monday).ToInstant(), zone.AtStartOfDay(monday.PlusWeeks(1)).ToInstant());
    }

    /// <summary>The zone of an IANA id; an unknown id (which validation should have stopped) falls back to UTC.</summary>
    public static DateTimeZone Zone(string timeZoneId) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc;
}
