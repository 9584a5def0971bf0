namespace KdFamily.Domain.Tasks;

/// <summary>Status and action names as clients see them, for error messages.</summary>
internal static class TaskStatusNames
{
    public static string Screaming(FamilyTaskStatus status) => status switch
    {
        FamilyTaskStatus.Pending => "PENDING",
        FamilyTaskStatus.InProgress => "IN_PROGRESS",
        FamilyTaskStatus.Completed => "COMPLETED",
        FamilyTaskStatus.Approved => "APPROVED",
        FamilyTaskStatus.Rejected => "REJECTED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string PastTense(string action) => action switch
    {
        TaskActions.Claim => "claimed",
        TaskActions.Assign => "assigned",
        TaskActions.Start => "started",
        TaskActions.Complete => "completed",
        TaskActions.Approve => "approved",
        TaskActions.Reject => "rejected",
        TaskActions.Update => "updated",
        TaskActions.Delete => "deleted",
        TaskActions.Unassign => "unassigned",
        _ => action,
    };
}
