using KdFamily.Domain.Reminders;
using NodaTime;

namespace KdFamily.Domain.Families;

/// <summary>A household: the tenant boundary. Nothing of one family is visible to another.</summary>
public sealed class Family
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>IANA zone id; weeks, streaks and recurrences are computed in it.</summary>
    public required string TimeZone { get; set; }

    public required string InviteCode { get; set; }

    /// <summary>How long before a task's due date its assignee gets TASK_DUE_SOON (see <c>TaskReminderRules</c>).</summary>
    public int ReminderLeadMinutes { get; set; } = TaskReminderRules.DefaultLeadMinutes;
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
}
