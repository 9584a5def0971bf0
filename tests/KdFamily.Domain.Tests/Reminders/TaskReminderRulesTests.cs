using KdFamily.Domain.Notifications;
using KdFamily.Domain.Reminders;
using KdFamily.Domain.Tasks;
using NodaTime;

namespace KdFamily.Domain.Tests.Reminders;

public sealed class TaskReminderRulesTests
{
    private static readonly Instant Due = Instant.FromUtc(2026, 5, 20, 16, 0);

    private static FamilyTask Task(FamilyTaskStatus status = FamilyTaskStatus.Pending, bool assigned = true, Instant? due = null) => new()
    {
        Title = "Dishes",
        Status = status,
        AssignedToId = assigned ? Guid.NewGuid() : null,
        DueDate = due ?? Due,
    };

    [Theory]
    [InlineData(-121, null)] // before the lead time
    [InlineData(-120, NotificationKind.TaskDueSoon)]
    [InlineData(-1, NotificationKind.TaskDueSoon)]
    [InlineData(0, null)] // due this instant: not soon any more, not past yet
    [InlineData(1, NotificationKind.TaskOverdue)]
    [InlineData(60 * 24 * 30, NotificationKind.TaskOverdue)]
    public void DueAt_ByMinutesFromTheDueDate_NamesTheReminder(int minutes, NotificationKind? expected)
    {
        Assert.Equal(expected, TaskReminderRules.DueAt(Task(), 120, Due + Duration.FromMinutes(minutes)));
    }

    [Fact]
    public void DueAt_LeadZero_SendsNoDueSoonButStillOverdue()
    {
        Assert.Null(TaskReminderRules.DueAt(Task(), 0, Due - Duration.FromMinutes(1)));
        Assert.Equal(NotificationKind.TaskOverdue, TaskReminderRules.DueAt(Task(), 0, Due + Duration.FromMinutes(1)));
    }

    [Theory]
    [InlineData(FamilyTaskStatus.Completed)]
    [InlineData(FamilyTaskStatus.Approved)]
    public void DueAt_DoneWork_NeedsNoReminder(FamilyTaskStatus status)
    {
        Assert.Null(TaskReminderRules.DueAt(Task(status), 120, Due + Duration.FromHours(1)));
        Assert.False(Task(status).IsOverdueAt(Due + Duration.FromHours(1)));
    }

    [Theory]
    [InlineData(FamilyTaskStatus.Pending)]
    [InlineData(FamilyTaskStatus.InProgress)]
    [InlineData(FamilyTaskStatus.Rejected)]
    public void IsOverdueAt_OpenWorkPastItsDueDate_IsOverdue(FamilyTaskStatus status)
    {
        Assert.True(Task(status).IsOverdueAt(Due + Duration.FromMinutes(1)));
        Assert.False(Task(status).IsOverdueAt(Due));
    }

    [Fact]
    public void DueAt_UnassignedOrUndated_NeedsNoReminder()
    {
        Assert.Null(TaskReminderRules.DueAt(Task(assigned: false), 120, Due + Duration.FromHours(1)));
        var undated = Task();
        undated.DueDate = null;
        Assert.Null(TaskReminderRules.DueAt(undated, 120, Due + Duration.FromHours(1)));
        Assert.False(undated.IsOverdueAt(Due + Duration.FromHours(1)));
    }
}
