using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Recurring;

public sealed class RecurringTaskEditorTests
{
    private static readonly Family Family = new() { Name = "Editors", TimeZone = "Europe/Berlin", InviteCode = "EDIT" };
    private static readonly User Parent = TestUsers.Create(Family, UserRole.Parent, "parent");

    [Theory]
    [InlineData(9999, 12, 27, RecurrenceFrequency.Weekly)]
    [InlineData(2101, 1, 1, RecurrenceFrequency.Daily)]
    [InlineData(1999, 12, 31, RecurrenceFrequency.Monthly)]
    [InlineData(1, 1, 1, RecurrenceFrequency.Daily)]
    public void Create_StartDateOutsideTheSupportedRange_IsAValidationErrorOnStartDate(int year, int month, int day, RecurrenceFrequency frequency)
    {
        var result = RecurringTaskEditor.Create(Parent, Draft(new LocalDate(year, month, day), frequency, dayOfMonth: null), assignee: null, Instant.FromUtc(2026, 5, 20, 12, 0));

        Assert.Equal("startDate", Assert.IsType<ValidationError>(result.Error).Field);
    }

    [Fact]
    public void HandBackSeriesOf_ARemovedMember_UnassignsOnlyTheirLiveSeries()
    {
        var removed = TestUsers.Create(Family, UserRole.Member, "leaver");
        var other = TestUsers.Create(Family, UserRole.Member, "stayer");
        removed.RemovedAt = Instant.FromUtc(2026, 5, 20, 12, 0);
        RecurringTaskTemplate Series(User? assignee, Instant? deletedAt = null) => new()
        {
            Title = "Feed the cat", FamilyId = Family.Id, AssignedToId = assignee?.Id, DeletedAt = deletedAt,
        };
        var theirs = Series(removed);
        var deleted = Series(removed, Instant.FromUtc(2026, 5, 1, 0, 0));
        var someoneElses = Series(other);
        var open = Series(null);

        var handedBack = RecurringTaskEditor.HandBackSeriesOf(removed, [theirs, deleted, someoneElses, open]);

        Assert.Same(theirs, Assert.Single(handedBack));
        Assert.Null(theirs.AssignedToId);
        Assert.Equal((removed.Id, other.Id), (deleted.AssignedToId!.Value, someoneElses.AssignedToId!.Value));
    }

    [Fact]
    public void HandBackSeriesOf_AMemberNotRemoved_IsAProgrammingError()
    {
        var member = TestUsers.Create(Family, UserRole.Member, "still-here");

        Assert.Throws<InvalidOperationException>(() => RecurringTaskEditor.HandBackSeriesOf(member, []));
    }

    [Fact]
    public void Create_FirstOccurrencePastTheSupportedRange_IsAValidationErrorOnStartDate()
    {
        // 2100-12-31 is a Friday; the first Monday after it is in 2101.
        var draft = Draft(new LocalDate(2100, 12, 31), RecurrenceFrequency.Weekly, dayOfMonth: null) with { DaysOfWeek = [1] };

        var result = RecurringTaskEditor.Create(Parent, draft, assignee: null, Instant.FromUtc(2026, 5, 20, 12, 0));

        Assert.Equal("startDate", Assert.IsType<ValidationError>(result.Error).Field);
    }

    [Fact]
    public void Create_LastSupportedDay_IsAccepted()
    {
        var result = RecurringTaskEditor.Create(Parent, Draft(new LocalDate(2100, 12, 31), RecurrenceFrequency.Monthly, dayOfMonth: 31), assignee: null, Instant.FromUtc(2026, 5, 20, 12, 0));

        Assert.True(result.IsSuccess);
    }

    private static RecurringTaskDraft Draft(LocalDate start, RecurrenceFrequency frequency, int? dayOfMonth) =>
        new("Dishes", null, 5, TaskPriority.Medium, 1, null, frequency, 1, [], dayOfMonth, start, new LocalTime(18, 0));
}
