using NodaTime;

namespace KdFamily.Domain.Notifications;

/// <summary>A message persisted for one user, readable and markable read.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? AchievementId { get; set; }
    public Guid? RedemptionId { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? ReadAt { get; set; }
}
