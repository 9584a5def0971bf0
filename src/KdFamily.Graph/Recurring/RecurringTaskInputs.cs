using GraphQL.Types;
using GraphQLServer.Scalars;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tasks;
using NodaTime;

namespace KdFamily.Graph.Recurring;

public sealed record CreateRecurringTaskInput(
    string Title,
    string? Description,
    int Points,
    string? AssignedToId,
    RecurrenceFrequency Frequency,
    int Interval,
    IReadOnlyList<int>? DaysOfWeek,
    int? DayOfMonth,
    LocalDate? StartDate,
    string DueTime,
    TaskPriority Priority,
    int DifficultyLevel,
    int? EstimatedMinutes);

/// <summary>Only the fields given change; the rest keep their values.</summary>
public sealed record UpdateRecurringTaskInput(
    string Id,
    string? Title,
    string? Description,
    int? Points,
    string? AssignedToId,
    bool? Unassign,
    RecurrenceFrequency? Frequency,
    int? Interval,
    IReadOnlyList<int>? DaysOfWeek,
    int? DayOfMonth,
    LocalDate? StartDate,
    string? DueTime,
    TaskPriority? Priority,
    int? DifficultyLevel,
    int? EstimatedMinutes);

public sealed record PauseRecurringTaskInput(string Id, bool Paused);

public sealed record DeleteRecurringTaskInput(string Id);

public sealed class CreateRecurringTaskInputType : InputObjectGraphType<CreateRecurringTaskInput>
{
    public CreateRecurringTaskInputType()
    {
        Name = "CreateRecurringTaskInput";
        Description = "A new recurring task of the caller's family.";
        Field<NonNullGraphType<StringGraphType>>("title").Description("1 to 200 characters.");
        Field<StringGraphType>("description").Description("Up to 4000 characters.");
        Field<NonNullGraphType<IntGraphType>>("points").Description($"Points per instance, 0 to {RecurringTaskEditor.MaxPoints}.");
        Field<IdGraphType>("assignedToId").Description("A member every instance is assigned to; omit to leave instances open to claim.");
        Field<NonNullGraphType<RecurrenceFrequencyType>>("frequency").Description("DAILY, WEEKLY or MONTHLY.");
        Field<NonNullGraphType<IntGraphType>>("interval").DefaultValue(1).Description("Every N days, weeks or months (1 to 366).");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("daysOfWeek").Description("WEEKLY: ISO weekdays 1 (Monday) to 7 (Sunday).");
        Field<IntGraphType>("dayOfMonth").Description("MONTHLY: 1 to 31, clamped to shorter months.");
        Field<LocalDateGraphType>("startDate").Description("The first possible occurrence; default today in the family's time zone.");
        Field<NonNullGraphType<StringGraphType>>("dueTime").DefaultValue("18:00").Description("Local time instances are due, HH:mm.");
        Field<NonNullGraphType<TaskPriorityType>>("priority").DefaultValue(TaskPriority.Medium).Description("Priority of every instance.");
        Field<NonNullGraphType<IntGraphType>>("difficultyLevel").DefaultValue(1).Description("1 to 5.");
        Field<IntGraphType>("estimatedMinutes").Description("Expected effort, 1 to 1440 minutes.");
    }
}

public sealed class UpdateRecurringTaskInputType : InputObjectGraphType<UpdateRecurringTaskInput>
{
    public UpdateRecurringTaskInputType()
    {
        Name = "UpdateRecurringTaskInput";
        Description = "Changes to a recurring task; omitted fields keep their values. Instances created already do not change.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The recurring task.");
        Field<StringGraphType>("title").Description("1 to 200 characters.");
        Field<StringGraphType>("description").Description("Up to 4000 characters; an empty string clears it.");
        Field<IntGraphType>("points").Description($"Points per instance, 0 to {RecurringTaskEditor.MaxPoints}.");
        Field<IdGraphType>("assignedToId").Description("A new assignee.");
        Field<BooleanGraphType>("unassign").Description("true: instances are no longer assigned to anyone.");
        Field<RecurrenceFrequencyType>("frequency").Description("DAILY, WEEKLY or MONTHLY.");
        Field<IntGraphType>("interval").Description("Every N days, weeks or months (1 to 366).");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("daysOfWeek").Description("WEEKLY: ISO weekdays 1 (Monday) to 7 (Sunday).");
        Field<IntGraphType>("dayOfMonth").Description("MONTHLY: 1 to 31, clamped to shorter months.");
        Field<LocalDateGraphType>("startDate").Description("The first possible occurrence.");
        Field<StringGraphType>("dueTime").Description("Local time instances are due, HH:mm.");
        Field<TaskPriorityType>("priority").Description("Priority of every instance.");
        Field<IntGraphType>("difficultyLevel").Description("1 to 5.");
        Field<IntGraphType>("estimatedMinutes").Description("Expected effort, 1 to 1440 minutes.");
    }
}

public sealed class PauseRecurringTaskInputType : InputObjectGraphType<PauseRecurringTaskInput>
{
    public PauseRecurringTaskInputType()
    {
        Name = "PauseRecurringTaskInput";
        Description = "Pause or resume a recurring task.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The recurring task.");
        Field<NonNullGraphType<BooleanGraphType>>("paused").DefaultValue(true)
            .Description("true pauses (no new instances); false resumes, skipping occurrences that fell into the pause.");
    }
}

public sealed class DeleteRecurringTaskInputType : InputObjectGraphType<DeleteRecurringTaskInput>
{
    public DeleteRecurringTaskInputType()
    {
        Name = "DeleteRecurringTaskInput";
        Description = "The recurring task to delete; instances created already stay as ordinary tasks.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The recurring task.");
    }
}
