using GraphQL.Types;
using KdFamily.Domain.Tasks;

namespace KdFamily.Graph.Tasks;

/// <summary>The workflow's actions; each value stands for the <see cref="TaskActions"/> string the domain records.</summary>
public sealed class TaskActionType : EnumerationGraphType
{
    public TaskActionType()
    {
        Name = "TaskAction";
        Description = "A step of the task workflow.";
        Add("CREATE", TaskActions.Create, "A parent created the task (or a recurring task created an instance).");
        Add("CLAIM", TaskActions.Claim, "A member took an open task.");
        Add("ASSIGN", TaskActions.Assign, "A parent assigned the task to a member.");
        Add("START", TaskActions.Start, "The assignee started (or restarted) the work.");
        Add("COMPLETE", TaskActions.Complete, "The assignee reported the work done.");
        Add("APPROVE", TaskActions.Approve, "A parent approved the work and its points were awarded.");
        Add("REJECT", TaskActions.Reject, "A parent sent the work back with a reason.");
        Add("UPDATE", TaskActions.Update, "A parent edited the task.");
        Add("DELETE", TaskActions.Delete, "A parent deleted the task.");
        Add("UNASSIGN", TaskActions.Unassign, "The task went back to being open, e.g. when its assignee left the family.");
    }
}
