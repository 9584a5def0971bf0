using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using NodaTime;

namespace KdFamily.Domain.Tests.Notifications;

public sealed class NotificationPreferencesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);

    [Theory]
    [InlineData("21:59", false)]
    [InlineData("22:00", true)]
    [InlineData("23:59", true)]
    [InlineData("00:00", true)]
    [InlineData("06:59", true)]
    [InlineData("07:00", false)]
    [InlineData("12:00", false)]
    public void IsQuietAt_HoursSpanningMidnight_WrapAround(string time, bool quiet)
    {
        var preferences = Preferences(new LocalTime(22, 0), new LocalTime(7, 0));

        Assert.Equal(quiet, preferences.IsQuietAt(Parse(time)));
    }

    [Theory]
    [InlineData("12:59", false)]
    [InlineData("13:00", true)]
    [InlineData("14:59", true)]
    [InlineData("15:00", false)]
    public void IsQuietAt_HoursWithinADay_StartIncludedEndExcluded(string time, bool quiet)
    {
        Assert.Equal(quiet, Preferences(new LocalTime(13, 0), new LocalTime(15, 0)).IsQuietAt(Parse(time)));
    }

    [Fact]
    public void IsQuietAt_NoQuietHours_IsNeverQuiet()
    {
        Assert.False(NotificationPreferences.Default(Guid.NewGuid()).IsQuietAt(new LocalTime(3, 0)));
    }

    [Fact]
    public void Change_MutedKinds_KeepsEachOnceAndMutesOnlyThem()
    {
        var preferences = NotificationPreferences.Default(Guid.NewGuid());

        var result = preferences.Change([NotificationKind.TaskOverdue, NotificationKind.TaskDueSoon, NotificationKind.TaskOverdue], null, null, Now);

        Assert.True(result.IsSuccess);
        Assert.Equal([NotificationKind.TaskDueSoon, NotificationKind.TaskOverdue], preferences.MutedKinds);
        Assert.True(preferences.Mutes(NotificationKind.TaskOverdue));
        Assert.False(preferences.Mutes(NotificationKind.TaskApproved));
    }

    [Theory]
    [InlineData(NotificationKind.AchievementUnlocked)]
    [InlineData(NotificationKind.MemberJoined)]
    public void Change_MutingANonTaskKind_IsAValidationErrorAndChangesNothing(NotificationKind kind)
    {
        var preferences = NotificationPreferences.Default(Guid.NewGuid());

        var error = Assert.IsType<ValidationError>(preferences.Change([kind], null, null, Now).Error);

        Assert.Equal("mutedKinds", error.Field);
        Assert.Empty(preferences.MutedKinds);
    }

    [Fact]
    public void Change_OneEndOfTheQuietHoursOrEqualEnds_IsAValidationError()
    {
        var preferences = NotificationPreferences.Default(Guid.NewGuid());

        Assert.Equal("quietHoursEnd", Assert.IsType<ValidationError>(preferences.Change([], new LocalTime(22, 0), null, Now).Error).Field);
        Assert.Equal("quietHoursStart", Assert.IsType<ValidationError>(preferences.Change([], null, new LocalTime(7, 0), Now).Error).Field);
        Assert.Equal("quietHoursEnd", Assert.IsType<ValidationError>(preferences.Change([], new LocalTime(7, 0), new LocalTime(7, 0), Now).Error).Field);
        Assert.Null(preferences.QuietHoursStart);
    }

    private static NotificationPreferences Preferences(LocalTime start, LocalTime end)
    {
        var preferences = NotificationPreferences.Default(Guid.NewGuid());
        Assert.True(preferences.Change([], start, end, Now).IsSuccess);
        return preferences;
    }

    private static LocalTime Parse(string time) => NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time).Value;
}
