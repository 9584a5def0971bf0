namespace KdFamily.Domain.Achievements;

/// <summary>What a user has done so far, the input of every achievement's criteria. <see cref="TotalPoints"/> is what they earned all-time (spending on rewards does not count).</summary>
public sealed record UserMetrics(int TasksApproved, int CurrentStreak, int LongestStreak, int TotalPoints, int WeeklyWins)
{
    public static UserMetrics None { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>Pure rules: how far a user is towards an achievement.</summary>
public static class AchievementProgress
{
    /// <summary>The metric the criteria measures. Streaks count the longest run ever: once reached, a streak badge is earned.</summary>
    public static int Measure(AchievementCriteria criteria, UserMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(metrics);
        return criteria.Kind switch
        {
            AchievementCriteriaKind.TasksApproved => metrics.TasksApproved,
            AchievementCriteriaKind.StreakDays => Math.Max(metrics.LongestStreak, metrics.CurrentStreak),
            AchievementCriteriaKind.TotalPoints => metrics.TotalPoints,
            AchievementCriteriaKind.WeeklyWins => metrics.WeeklyWins,
            _ => 0,
        };
    }

    /// <summary>0–100, rounded down to one decimal so a user at 99.96 % is not shown as done; 100 exactly when the threshold is met.</summary>
    public static double Percent(AchievementCriteria criteria, UserMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var value = Measure(criteria, metrics);
        if (criteria.Threshold <= 0 || value >= criteria.Threshold)
        {
            return 100;
        }

        if (value <= 0)
        {
            return 0;
        }

        return Math.Floor(value * 1000.0 / criteria.Threshold) / 10.0;
    }

    public static bool IsMet(AchievementCriteria criteria, UserMetrics metrics) => Percent(criteria, metrics) >= 100;
}
