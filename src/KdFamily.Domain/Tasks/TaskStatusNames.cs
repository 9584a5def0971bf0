namespace KdFamily.Domain.Tasks;

/// <summary>Status and action names as clients see them, for error messages.</summary>
internal static class TaskStatusNames
{
    public static string Screaming(TaskStatus status) => status switch
    {
        TaskStatus.Pending => "PENDING",
        TaskStatus.InProgress => "IN_PROGRESS",
        TaskStatus.Completed => "COMPLETED",
        TaskStatus.Approved => "APPROVED",
        TaskStatus.Rejected => "REJECTED",
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
