using GraphQL.Types;
using KdFamily.Domain.Tasks;
using TaskStatus = KdFamily.Domain.Tasks.TaskStatus;

namespace KdFamily.Graph.Tasks;

public sealed class TaskStatusType : EnumerationGraphType<TaskStatus>
{
    public TaskStatusType()
    {
        Name = "TaskStatus";
        Description = "Where a task is in its workflow: PENDING → IN_PROGRESS → COMPLETED → APPROVED (or REJECTED, then back to IN_PROGRESS).";
    }
}

public sealed class TaskPriorityType : EnumerationGraphType<TaskPriority>
{
    public TaskPriorityType()
    {
        Name = "TaskPriority";
        Description = "How urgent a task is.";
    }
}
