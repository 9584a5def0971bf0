namespace KdFamily.Domain.Tasks;

/// <summary>The workflow's actions, as written to <see cref="TaskTransition.Action"/>.</summary>
public static class TaskActions
{
    public const string Create = "create";
    public const string Claim = "claim";
    public const string Assign = "assign";
    public const string Start = "start";
    public const string Complete = "complete";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Unassign = "unassign";
}
