using GraphQL.Types;
using GraphQLServer.Scalars;
using KdFamily.Domain.Tasks;
using NodaTime;

namespace KdFamily.Graph.Tasks;

/// <summary>`where:` of Family.tasks; conditions combine with AND.</summary>
public sealed class TaskFilter
{
    public EnumFilter<FamilyTaskStatus>? Status { get; set; }
    public IdFilter? AssignedToId { get; set; }
    public EnumFilter<TaskPriority>? Priority { get; set; }

    /// <summary>Due strictly before this instant (tasks without a due date never match).</summary>
    public Instant? DueBefore { get; set; }

    /// <summary>Due at or after this instant (tasks without a due date never match).</summary>
    public Instant? DueAfter { get; set; }

    /// <summary>true: only overdue tasks (due date passed, not COMPLETED or APPROVED); false: only the others.</summary>
    public bool? Overdue { get; set; }

    /// <summary>Full-text search over title and description (web search syntax: words, "phrases", -exclusions, or).</summary>
    public string? Search { get; set; }
}

public sealed class EnumFilter<TEnum>
    where TEnum : struct, Enum
{
    public TEnum? Eq { get; set; }
    public List<TEnum>? In { get; set; }
}

public sealed class IdFilter
{
    public string? Eq { get; set; }
}

public sealed class TaskFilterInput : InputObjectGraphType<TaskFilter>
{
    public TaskFilterInput()
    {
        Name = "TaskFilterInput";
        Description = "Which tasks to list; all given conditions must hold.";
        Field<TaskStatusOperationFilterInput>("status").Description("Condition on the status.");
        Field<IdOperationFilterInput>("assignedToId").Description("Condition on the assignee's global ID.");
        Field<TaskPriorityOperationFilterInput>("priority").Description("Condition on the priority.");
        Field<InstantGraphType>("dueBefore").Description("Due strictly before this time; tasks without a due date do not match.");
        Field<InstantGraphType>("dueAfter").Description("Due at or after this time; tasks without a due date do not match.");
        Field<BooleanGraphType>("overdue").Description(
            "true: only overdue tasks (due date passed, neither COMPLETED nor APPROVED); false: only tasks that are not overdue.");
        Field<StringGraphType>("search").Description(
            $"Full-text search over title and description (English stemming; web search syntax: words, \"a phrase\", -word, or). At most {FamilyTasksConnection.MaxSearchLength} characters.");
    }
}

public sealed class TaskStatusOperationFilterInput : InputObjectGraphType<EnumFilter<FamilyTaskStatus>>
{
    public TaskStatusOperationFilterInput()
    {
        Name = "TaskStatusOperationFilterInput";
        Description = "Matches a task status.";
        Field<TaskStatusType>("eq").Description("Equal to this status.");
        Field<ListGraphType<NonNullGraphType<TaskStatusType>>>("in").Description("One of these statuses.");
    }
}

public sealed class TaskPriorityOperationFilterInput : InputObjectGraphType<EnumFilter<TaskPriority>>
{
    public TaskPriorityOperationFilterInput()
    {
        Name = "TaskPriorityOperationFilterInput";
        Description = "Matches a task priority.";
        Field<TaskPriorityType>("eq").Description("Equal to this priority.");
        Field<ListGraphType<NonNullGraphType<TaskPriorityType>>>("in").Description("One of these priorities.");
    }
}

public sealed class IdOperationFilterInput : InputObjectGraphType<IdFilter>
{
    public IdOperationFilterInput()
    {
        Name = "IdOperationFilterInput";
        Description = "Matches a global ID.";
        Field<IdGraphType>("eq").Description("Equal to this ID.");
    }
}
