using NodaTime;

namespace KdFamily.Domain.Achievements;

/// <summary>A user's progress towards one achievement; unique per user and achievement.</summary>
public sealed class UserAchievement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid AchievementId { get; set; }
    public Achievement? Achievement { get; set; }

    /// <summary>0–100.</summary>
    public double Progress { get; set; }

    public Instant? CompletedAt { get; set; }
    public Instant UpdatedAt { get; set; }
}
