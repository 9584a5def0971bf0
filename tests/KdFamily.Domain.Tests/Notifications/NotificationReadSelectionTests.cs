using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;

namespace KdFamily.Domain.Tests.Notifications;

public sealed class NotificationReadSelectionTests
{
    [Fact]
    public void Of_WithIds_SelectsTheDecodedOnesAndSkipsTheRest()
    {
        var id = Guid.NewGuid();

        var selection = NotificationReadSelection.Of([id, null], all: false).Value!;

        Assert.False(selection.All);
        Assert.Equal([id], selection.Ids);
    }

    [Fact]
    public void Of_WithAll_SelectsEverything()
    {
        var selection = NotificationReadSelection.Of(null, all: true).Value!;

        Assert.True(selection.All);
        Assert.Empty(selection.Ids);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Of_WithNeitherOrBoth_IsAValidationErrorOnIds(bool idsGiven, bool all)
    {
        var error = NotificationReadSelection.Of(idsGiven ? [Guid.NewGuid()] : null, all).Error;

        var validation = Assert.IsType<ValidationError>(error);
        Assert.Equal("ids", validation.Field);
    }

    [Fact]
    public void Of_WithMoreThanMaxIds_IsAValidationErrorOnIds()
    {
        var ids = Enumerable.Range(0, NotificationReadSelection.MaxIds + 1).Select(_ => (Guid?)Guid.NewGuid()).ToList();

        var validation = Assert.IsType<ValidationError>(NotificationReadSelection.Of(ids, all: false).Error);

        Assert.Equal("ids", validation.Field);
        Assert.True(NotificationReadSelection.Of(ids[..NotificationReadSelection.MaxIds], all: false).IsSuccess);
    }
}
