using GraphQL.Types;

namespace KdFamily.Graph.Recurring;

public static class RecurringTaskMutations
{
    public static void AddRecurringTaskMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateRecurringTask();
        mutation.AddUpdateRecurringTask();
        mutation.AddPauseRecurringTask();
        mutation.AddDeleteRecurringTask();
    }
}
