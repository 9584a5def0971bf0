using KdFamily.Domain.Leaderboards;
using NodaTime;
using NodaTime.Text;

namespace KdFamily.Domain.Tests.Leaderboards;

public sealed class FamilyWeekTests
{
    private static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    [Fact]
    public void Containing_SundayEveningInZone_StartsOnThatZonesMonday()
    {
        // 2026-03-08T22:30Z is Sunday 23:30 in Berlin but already Monday 07:30 in Tokyo.
        var berlin = FamilyWeek.Containing(At("2026-03-08T22:30:00Z"), FamilyWeek.Zone("Europe/Berlin"));
        var tokyo = FamilyWeek.Containing(At("2026-03-08T22:30:00Z"), FamilyWeek.Zone("Asia/Tokyo"));

        Assert.Equal(new LocalDate(2026, 3, 2), berlin.StartDate);
        Assert.Equal(At("2026-03-01T23:00:00Z"), berlin.Start);
        Assert.Equal(new LocalDate(2026, 3, 9), tokyo.StartDate);
        Assert.Equal(At("2026-03-08T15:00:00Z"), tokyo.Start);
    }

    [Fact]
    public void Containing_MondayMidnightExactly_IsTheNewWeek()
    {
        var zone = FamilyWeek.Zone("America/New_York");
        var week = FamilyWeek.Containing(At("2026-06-08T04:00:00Z"), zone);
        var before = FamilyWeek.Containing(At("2026-06-08T03:59:59Z"), zone);

        Assert.Equal(new LocalDate(2026, 6, 8), week.StartDate);
        Assert.Equal(new LocalDate(2026, 6, 1), before.StartDate);
        Assert.Equal(before.End, week.Start);
    }

    [Fact]
    public void Containing_WeekWithSpringForward_Is167HoursLong()
    {
        // Europe/London moves to BST on Sunday 2026-03-29.
        var week = FamilyWeek.Containing(At("2026-03-27T12:00:00Z"), FamilyWeek.Zone("Europe/London"));

        Assert.Equal(At("2026-03-23T00:00:00Z"), week.Start);
        Assert.Equal(At("2026-03-29T23:00:00Z"), week.End);
        Assert.Equal(Duration.FromHours(167), week.End - week.Start);
    }

    [Fact]
    public void Containing_ZoneWhoseMidnightIsSkipped_StartsAtTheFirstInstantOfMonday()
    {
        // Asia/Tehran sprang forward from 00:00 (+03:30) to 01:00 (+04:30) on Monday 2010-03-22.
        var week = FamilyWeek.Containing(At("2010-03-23T12:00:00Z"), FamilyWeek.Zone("Asia/Tehran"));

        Assert.Equal(new LocalDate(2010, 3, 22), week.StartDate);
        Assert.Equal(At("2010-03-21T20:30:00Z"), week.Start);
        Assert.Equal(new LocalDateTime(2010, 3, 22, 1, 0), week.Start.InZone(FamilyWeek.Zone("Asia/Tehran")).LocalDateTime);
    }

    [Fact]
    public void Zone_UnknownId_FallsBackToUtc()
    {
        Assert.Equal(DateTimeZone.Utc, FamilyWeek.Zone("Mars/Olympus_Mons"));
    }
}
