using KdFamily.Domain.Errors;
using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>What a parent writes when creating a task.</summary>
public sealed record TaskDetails(
    string Title,
    string? Description,
    int Points,
    Instant? DueDate,
    TaskPriority Priority = TaskPriority.Medium,
    int DifficultyLevel = 1,
    int? EstimatedMinutes = null,
    Guid? TaskTypeId = null);

/// <summary>A change to one field of a task: absent (null) leaves the field as it is; present sets it, possibly to null.</summary>
public readonly record struct Change<T>(T Value);

/// <summary>What a parent changes when editing a task; each null member is left unchanged.</summary>
public sealed record TaskEdit(
    Change<string>? Title = null,
    Change<string?>? Description = null,
    Change<int>? Points = null,
    Change<Instant?>? DueDate = null,
    Change<TaskPriority>? Priority = null,
    Change<int>? DifficultyLevel = null,
    Change<int?>? EstimatedMinutes = null,
    Change<Guid?>? TaskTypeId = null);

/// <summary>The input rules of tasks and recurring templates, checking <see cref="TaskLimits"/>; field names are the schema's.</summary>
public static class TaskRules
{
    public static ValidationError? Validate(TaskDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return Title(details.Title) ?? Description(details.Description) ?? Points(details.Points)
            ?? Difficulty(details.DifficultyLevel) ?? Minutes("estimatedMinutes", details.EstimatedMinutes);
    }

    public static ValidationError? Validate(TaskEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return (edit.Title is { } t ? Title(t.Value) : null)
            ?? (edit.Description is { } d ? Description(d.Value) : null)
            ?? (edit.Points is { } p ? Points(p.Value) : null)
            ?? (edit.DifficultyLevel is { } l ? Difficulty(l.Value) : null)
            ?? (edit.EstimatedMinutes is { } m ? Minutes("estimatedMinutes", m.Value) : null);
    }

    public static ValidationError? Title(string? title) =>
        string.IsNullOrWhiteSpace(title) ? new("title", "A title is required.")
        : title.Trim().Length > TaskLimits.MaxTitleLength ? new("title", $"A title has at most {TaskLimits.MaxTitleLength} characters.")
        : null;

    public static ValidationError? Description(string? description) =>
        description?.Length > TaskLimits.MaxDescriptionLength ? new("description", $"A description has at most {TaskLimits.MaxDescriptionLength} characters.") : null;

    public static ValidationError? Points(int points, string field = "points") =>
        points is < 0 or > TaskLimits.MaxPoints ? new(field, $"{field} must be between 0 and {TaskLimits.MaxPoints}.") : null;

    public static ValidationError? Difficulty(int level) =>
        level is < TaskLimits.MinDifficulty or > TaskLimits.MaxDifficulty
            ? new("difficultyLevel", $"difficultyLevel must be between {TaskLimits.MinDifficulty} and {TaskLimits.MaxDifficulty}.")
            : null;

    public static ValidationError? Minutes(string field, int? minutes) =>
        minutes is < 0 or > TaskLimits.MaxMinutes ? new(field, $"{field} must be between 0 and {TaskLimits.MaxMinutes}.") : null;

    public static ValidationError? Reason(string? reason, int maxLength = TaskLimits.MaxReasonLength) =>
        string.IsNullOrWhiteSpace(reason) ? new("reason", "A reason is required.")
        : reason.Trim().Length > maxLength ? new("reason", $"A reason has at most {maxLength} characters.")
        : null;
}
