using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>One step of a task's history: who moved it from which status to which, and when.</summary>
public sealed class TaskTransition
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public FamilyTaskStatus? FromStatus { get; set; }
    public FamilyTaskStatus ToStatus { get; set; }
    public required string Action { get; set; }
    public Guid ActorId { get; set; }
    public string? Note { get; set; }
    public Instant At { get; set; }
}
