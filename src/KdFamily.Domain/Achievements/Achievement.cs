namespace KdFamily.Domain.Achievements;

/// <summary>An entry of the achievement catalogue.</summary>
public sealed class Achievement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Stable key of the catalogue entry, e.g. "tasks-approved-10".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public required string Description { get; set; }
    public BadgeLevel BadgeLevel { get; set; }
    public required AchievementCriteria Criteria { get; set; }
    public int PointsReward { get; set; }
    public string? Icon { get; set; }
}
