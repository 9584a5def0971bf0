using KdFamily.Domain.Tasks;
using NodaTime;

namespace KdFamily.Domain.Recurring;

/// <summary>A task that repeats; instances are generated idempotently, one per occurrence date.</summary>
public sealed class RecurringTaskTemplate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FamilyId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int Points { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public int DifficultyLevel { get; set; } = 1;
    public int? EstimatedMinutes { get; set; }
    public Guid? AssignedToId { get; set; }
    public Guid? TaskTypeId { get; set; }
    public RecurrenceFrequency Frequency { get; set; }
    public int Interval { get; set; } = 1;

    /// <summary>For weekly recurrences: ISO day numbers (Monday = 1).</summary>
    public List<int> DaysOfWeek { get; set; } = [];

    public int? DayOfMonth { get; set; }
    public LocalDate StartDate { get; set; }

    /// <summary>Local time of day each instance is due, in the family's zone.</summary>
    public LocalTime DueTime { get; set; } = new(18, 0);

    public bool IsPaused { get; set; }
    public LocalDate? LastGeneratedDate { get; set; }
    public Guid CreatedById { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? DeletedAt { get; set; }
}
