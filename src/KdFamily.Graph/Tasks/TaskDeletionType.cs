using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Families;
using KdFamily.Graph.Families;

namespace KdFamily.Graph.Tasks;

/// <summary>A deleted task's id and its family as it is after the deletion.</summary>
public sealed record TaskDeletion(Guid TaskId, Family Family);

public sealed class TaskDeletionType : ObjectGraphType<TaskDeletion>
{
    public TaskDeletionType()
    {
        Name = "TaskDeletion";
        Description = "A task was deleted: its ID, and its family as it is now, whose lists (`activeTasks`, `tasks`) no longer hold it.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("The deleted task's global ID (it cannot be loaded any more).")
            .Resolve(c => GlobalId.Encode("Task", c.Source.TaskId));
        Field<NonNullGraphType<FamilyType>>("family")
            .Description("The family after the deletion: select `id` and the lists your queries hold (e.g. `activeTasks { id }`) and a normalized cache drops the task from them.")
            .Resolve(c => c.Source.Family);
    }
}
