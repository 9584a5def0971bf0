namespace KdFamily.Domain.Achievements;

public enum AchievementCriteriaKind
{
    TasksApproved,
    StreakDays,
    TotalPoints,
    WeeklyWins,
}

/// <summary>What unlocks an achievement, stored as jsonb so new achievements are data, not code.</summary>
public sealed record AchievementCriteria(AchievementCriteriaKind Kind, int Threshold);
