using GraphQL.Types;

namespace KdFamily.Graph.TaskTypes;

public static class TaskTypeMutations
{
    public static void AddTaskTypeMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateTaskType();
        mutation.AddUpdateTaskType();
        mutation.AddDeleteTaskType();
    }
}
