using GraphQL.Types;
using KdFamily.Domain.Tasks;

namespace KdFamily.Graph.Tasks;

public sealed class TaskStatusType : EnumerationGraphType<FamilyTaskStatus>
{
    public TaskStatusType()
    {
        Name = "TaskStatus";
        Description = "Where a task is in its workflow: PENDING → IN_PROGRESS → COMPLETED → APPROVED (or REJECTED, then back to IN_PROGRESS).";
        Values["PENDING"]!.Description = "Created and not started yet (assigned or open to claim).";
        Values["IN_PROGRESS"]!.Description = "The assignee has started it (or is redoing it after a rejection).";
        Values["COMPLETED"]!.Description = "The assignee reports it done; it waits for a parent's approval.";
        Values["APPROVED"]!.Description = "A parent approved it; its points were awarded.";
        Values["REJECTED"]!.Description = "A parent rejected the completion, with a reason; the assignee can start it again.";
    }
}

public sealed class TaskPriorityType : EnumerationGraphType<TaskPriority>
{
    public TaskPriorityType()
    {
        Name = "TaskPriority";
        Description = "How urgent a task is.";
        Values["LOW"]!.Description = "Whenever convenient.";
        Values["MEDIUM"]!.Description = "The default.";
        Values["HIGH"]!.Description = "Should be done soon.";
        Values["URGENT"]!.Description = "Needs doing now.";
    }
}
