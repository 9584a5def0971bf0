using GraphQL.Types;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Application.Recurring;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Tasks;
using NodaTime;

namespace KdFamily.Graph.Recurring;

/// <summary>Only the fields given change; the rest keep their values.</summary>
public sealed record UpdateRecurringTaskInput(
    string? Id,
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
    int? EstimatedMinutes,
    string? RecurringTaskId = null);

public sealed class UpdateRecurringTaskInputType : InputObjectGraphType<UpdateRecurringTaskInput>
{
    public UpdateRecurringTaskInputType()
    {
        Name = "UpdateRecurringTaskInput";
        Description = "Changes to a recurring task; omitted fields keep their values. Instances created already do not change.";
        this.AddRecurringTaskIdFields();
        Field<StringGraphType>("title").Description("1 to 200 characters.");
        Field<StringGraphType>("description").Description("Up to 4000 characters; an empty string clears it.");
        Field<IntGraphType>("points").Description($"Points per instance, 0 to {TaskLimits.MaxPoints}.");
        Field<IdGraphType>("assignedToId").Description("A new assignee.");
        Field<BooleanGraphType>("unassign").Description("true: instances are no longer assigned to anyone.");
        Field<RecurrenceFrequencyType>("frequency").Description("DAILY, WEEKLY or MONTHLY.");
        Field<IntGraphType>("interval").Description("Every N days, weeks or months (1 to 366).");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("daysOfWeek").Description("WEEKLY: ISO weekdays 1 (Monday) to 7 (Sunday).");
        Field<IntGraphType>("dayOfMonth").Description("MONTHLY: 1 to 31, clamped to shorter months.");
        Field<LocalDateGraphType>("startDate").Description("The first possible occurrence.");
        Field<StringGraphType>("dueTime").Description("Local time instances are due, HH:mm.");
        Field<TaskPriorityType>("priority").Description("Priority of every instance.");
        Field<IntGraphType>("difficultyLevel").Description($"{TaskLimits.DifficultyRange}.");
        Field<IntGraphType>("estimatedMinutes").Description($"Expected effort, {TaskLimits.MinutesRange}.");
    }
}

public sealed class UpdateRecurringTaskErrorType() : ErrorUnionGraphType(
    "updateRecurringTask", typeof(ValidationErrorType), typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class UpdateRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, UpdateRecurringTaskErrorType>(
    "updateRecurringTask", "recurringTask", "The changed recurring task.");

public static class UpdateRecurringTaskMutation
{
    public static void AddUpdateRecurringTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UpdateRecurringTaskPayloadType, UpdateRecurringTaskInputType, UpdateRecurringTask, RecurringTaskTemplate>(
            "updateRecurringTask",
            "Changes a recurring task; the next instance follows the new definition. Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<UpdateRecurringTaskInput>();
                return new UpdateRecurringTask(
                    context.RequireUserId(),
                    RecurringTaskIdFields.Decode(input.RecurringTaskId, input.Id),
                    input.Title,
                    input.Description,
                    input.Points,
                    input.Priority,
                    input.DifficultyLevel,
                    input.EstimatedMinutes,
                    input.Frequency,
                    input.Interval,
                    input.DaysOfWeek,
                    input.DayOfMonth,
                    input.StartDate,
                    input.DueTime is null ? null : RecurringTaskType.ParseDueTime(input.DueTime),
                    input.DueTime is not null,
                    GlobalId.Decode(input.AssignedToId, "User"),
                    input.AssignedToId is not null,
                    input.Unassign == true);
            });
}
