using KdFamily.Domain.Errors;
using NodaTime;

namespace KdFamily.Domain.Notifications;

/// <summary>
/// What one user wants to hear: kinds they muted (never created for them) and quiet hours in the family's time zone
/// (reminders wait until they end). A user without a row has the defaults: nothing muted, no quiet hours.
/// </summary>
public sealed class NotificationPreferences
{
    /// <summary>
    /// The kinds a user may mute: the task kinds, which are all created through one path
    /// (<c>TaskNotifications</c>). Achievements and new members are rare and always told.
    /// </summary>
    public static readonly IReadOnlyList<NotificationKind> MutableKinds =
    [
        NotificationKind.TaskAssigned,
        NotificationKind.TaskApproved,
        NotificationKind.TaskRejected,
        NotificationKind.TaskDueSoon,
        NotificationKind.TaskOverdue,
        NotificationKind.TaskAwaitingApproval,
    ];

    public Guid UserId { get; set; }
    public List<NotificationKind> MutedKinds { get; set; } = [];
    public LocalTime? QuietHoursStart { get; set; }
    public LocalTime? QuietHoursEnd { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>The defaults of a user who never chose.</summary>
    public static NotificationPreferences Default(Guid userId) => new() { UserId = userId };

    public bool Mutes(NotificationKind kind) => MutedKinds.Contains(kind);

    /// <summary>
    /// Whether <paramref name="localTime"/> (the family's wall clock) lies in the quiet hours: from the start (included)
    /// to the end (excluded); a start after the end wraps midnight (22:00–07:00).
    /// </summary>
    public bool IsQuietAt(LocalTime localTime) => (QuietHoursStart, QuietHoursEnd) switch
    {
        ({ } start, { } end) when start < end => localTime >= start && localTime < end,
        ({ } start, { } end) => localTime >= start || localTime < end,
        _ => false,
    };

    /// <summary>
    /// Replaces the preferences. Muted kinds must be <see cref="MutableKinds"/> (repeats count once); quiet hours need
    /// both ends or neither, and the ends must differ.
    /// </summary>
    public Result<NotificationPreferences> Change(IReadOnlyCollection<NotificationKind> mutedKinds, LocalTime? quietHoursStart, LocalTime? quietHoursEnd, Instant now)
    {
        ArgumentNullException.ThrowIfNull(mutedKinds);
        if (mutedKinds.Any(k => !MutableKinds.Contains(k)))
        {
            return new ValidationError("mutedKinds", "Only task notifications (the TASK_ kinds) can be muted.");
        }

        if (quietHoursStart.HasValue != quietHoursEnd.HasValue)
        {
            return new ValidationError(quietHoursStart.HasValue ? "quietHoursEnd" : "quietHoursStart", "Give both ends of the quiet hours, or neither.");
        }

        if (quietHoursStart is { } start && start == quietHoursEnd)
        {
            return new ValidationError("quietHoursEnd", "The quiet hours must end at another time than they start.");
        }

        MutedKinds = [.. MutableKinds.Where(mutedKinds.Contains)];
        QuietHoursStart = quietHoursStart;
        QuietHoursEnd = quietHoursEnd;
        UpdatedAt = now;
        return this;
    }
}
