namespace KdFamily.Domain.Tasks;

public enum TaskPriority
{
    Low,
    Medium,
    High,
    Urgent,
}
