namespace KdFamily.Domain.Tasks;

/// <summary>
/// The limits of a task's fields, the same for one-off tasks and recurring templates (a template's instances are tasks).
/// <see cref="TaskRules"/> checks them; the schema's descriptions state them.
/// </summary>
public static class TaskLimits
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxReasonLength = 1000;
    public const int MaxPoints = 10_000;
    public const int MinDifficulty = 1;
    public const int MaxDifficulty = 10;

    /// <summary>Effort in minutes, estimated or reported: at most one day's worth, so a typo cannot skew statistics.</summary>
    public const int MaxMinutes = 1440;

    /// <summary>The difficulty range as the schema states it.</summary>
    public static readonly string DifficultyRange = $"{MinDifficulty} (easy) to {MaxDifficulty} (hard)";

    /// <summary>The minutes range as the schema states it.</summary>
    public static readonly string MinutesRange = $"0 to {MaxMinutes} minutes";
}
