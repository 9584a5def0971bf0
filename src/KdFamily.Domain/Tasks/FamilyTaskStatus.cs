namespace KdFamily.Domain.Tasks;

public enum FamilyTaskStatus
{
    Pending,
    InProgress,
    Completed,
    Approved,
    Rejected,
}
