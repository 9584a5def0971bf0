using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>A family's category of chores (e.g. "Kitchen"), with default points.</summary>
public sealed class TaskType
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FamilyId { get; set; }
    public required string Name { get; set; }
    public string? Icon { get; set; }
    public int DefaultPoints { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? DeletedAt { get; set; }
}
