namespace KdFamily.Domain.Tasks;

public enum TaskStatus
{
    Pending,
    InProgress,
    Completed,
    Approved,
    Rejected,
}
