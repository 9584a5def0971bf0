using KdFamily.Domain.Users;
using NodaTime;
using NpgsqlTypes;

namespace KdFamily.Domain.Tasks;

/// <summary>A chore of a family, moving through the workflow of DESIGN §4.</summary>
public sealed partial class FamilyTask
{
    /// <summary>A new task with a fresh id.</summary>
    public FamilyTask() => Id = Guid.CreateVersion7();

    /// <summary>A task read from the database: EF Core binds <paramref name="id"/>, so reading one generates no id.</summary>
    public FamilyTask(Guid id) => Id = id;

    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public Guid? TaskTypeId { get; set; }
    public TaskType? TaskType { get; set; }

    /// <summary>Set on instances generated from a recurring template, together with <see cref="OccurrenceDate"/>.</summary>
    public Guid? RecurringTemplateId { get; set; }
    public LocalDate? OccurrenceDate { get; set; }

    public required string Title { get; set; }
    public string? Description { get; set; }
    public FamilyTaskStatus Status { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public Guid? AssignedToId { get; set; }
    public User? AssignedTo { get; set; }
    public Guid CreatedById { get; set; }
    public Guid? ApprovedById { get; set; }
    public int Points { get; set; }
    public int DifficultyLevel { get; set; } = 1;
    public Instant? DueDate { get; set; }
    public int? EstimatedMinutes { get; set; }
    public int? ActualMinutes { get; set; }
    public Instant? StartedAt { get; set; }
    public Instant? CompletedAt { get; set; }
    public Instant? ApprovedAt { get; set; }
    public Instant? RejectedAt { get; set; }
    public string? RejectionReason { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public Instant? DeletedAt { get; set; }

    /// <summary>PostgreSQL's xmin, used as an optimistic concurrency token.</summary>
    public uint Version { get; private set; }

    /// <summary>Generated column over title and description, GIN-indexed.</summary>
    public NpgsqlTsVector? SearchVector { get; private set; }

    private List<TaskAttachment>? _attachments;

    /// <summary>Created on first use: lists of tasks (a dashboard reads a hundred) rarely need it.</summary>
    public List<TaskAttachment> Attachments => _attachments ??= [];
}
