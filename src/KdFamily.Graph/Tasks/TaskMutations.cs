using GraphQL.Types;

namespace KdFamily.Graph.Tasks;

public static class TaskMutations
{
    public static void AddTaskMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateTask();
        mutation.AddUpdateTask();
        mutation.AddDeleteTask();
        mutation.AddAssignTask();
        mutation.AddClaimTask();
        mutation.AddStartTask();
        mutation.AddCompleteTask();
        mutation.AddApproveTask();
        mutation.AddApproveTasks();
        mutation.AddRejectTask();
    }
}
