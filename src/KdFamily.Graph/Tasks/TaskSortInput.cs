using GraphQL.Types;
using GraphQLServer.Paging;

namespace KdFamily.Graph.Tasks;

/// <summary>One entry of `order:` on Family.tasks: set exactly one field.</summary>
public sealed class TaskSort
{
    public SortDirection? DueDate { get; set; }
    public SortDirection? CreatedAt { get; set; }
    public SortDirection? Priority { get; set; }
    public SortDirection? Points { get; set; }
}

public sealed class TaskSortInput : InputObjectGraphType<TaskSort>
{
    public TaskSortInput()
    {
        Name = "TaskSortInput";
        Description = "A sort key for tasks; set one field per entry, entries apply in order.";
        IsOneOf = true;
        Field<SortEnumType>("dueDate").Description("By due date (tasks without one last when ascending).");
        Field<SortEnumType>("createdAt").Description("By creation time.");
        Field<SortEnumType>("priority").Description("By priority (LOW < MEDIUM < HIGH < URGENT).");
        Field<SortEnumType>("points").Description("By points.");
    }
}
