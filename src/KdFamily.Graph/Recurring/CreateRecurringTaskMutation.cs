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

public sealed class CreateRecurringTaskInputType : InputObjectGraphType<CreateRecurringTaskInput>
{
    public CreateRecurringTaskInputType()
    {
        Name = "CreateRecurringTaskInput";
        Description = "A new recurring task of the caller's family.";
        Field<NonNullGraphType<StringGraphType>>("title").Description("1 to 200 characters.");
        Field<StringGraphType>("description").Description("Up to 4000 characters.");
        Field<NonNullGraphType<IntGraphType>>("points").Description($"Points per instance, 0 to {TaskLimits.MaxPoints}.");
        Field<IdGraphType>("assignedToId").Description("A member every instance is assigned to; omit to leave instances open to claim.");
        Field<NonNullGraphType<RecurrenceFrequencyType>>("frequency").Description("DAILY, WEEKLY or MONTHLY.");
        Field<NonNullGraphType<IntGraphType>>("interval").DefaultValue(1).Description("Every N days, weeks or months (1 to 366).");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("daysOfWeek").Description("WEEKLY: ISO weekdays 1 (Monday) to 7 (Sunday).");
        Field<IntGraphType>("dayOfMonth").Description("MONTHLY: 1 to 31, clamped to shorter months.");
        Field<LocalDateGraphType>("startDate").Description("The first possible occurrence; default today in the family's time zone.");
        Field<NonNullGraphType<StringGraphType>>("dueTime").DefaultValue("18:00").Description("Local time instances are due, HH:mm.");
        Field<NonNullGraphType<TaskPriorityType>>("priority").DefaultValue(TaskPriority.Medium).Description("Priority of every instance.");
        Field<NonNullGraphType<IntGraphType>>("difficultyLevel").DefaultValue(1).Description($"{TaskLimits.DifficultyRange}.");
        Field<IntGraphType>("estimatedMinutes").Description($"Expected effort, {TaskLimits.MinutesRange}.");
    }
}

public sealed class CreateRecurringTaskErrorType() : ErrorUnionGraphType(
    "createRecurringTask", typeof(ValidationErrorType), typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class CreateRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, CreateRecurringTaskErrorType>(
    "createRecurringTask", "recurringTask", "The new recurring task; its first instance is created right away.");

public static class CreateRecurringTaskMutation
{
    public static void AddCreateRecurringTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<CreateRecurringTaskPayloadType, CreateRecurringTaskInputType, CreateRecurringTask, RecurringTaskTemplate>(
            "createRecurringTask",
            "Creates a recurring task in the caller's family and its first instance (the next occurrence due in the future). Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<CreateRecurringTaskInput>();
                return new CreateRecurringTask(
                    context.RequireUserId(),
                    input.Title,
                    input.Description,
                    input.Points,
                    input.Priority,
                    input.DifficultyLevel,
                    input.EstimatedMinutes,
                    input.Frequency,
                    input.Interval,
                    input.DaysOfWeek ?? [],
                    input.DayOfMonth,
                    input.StartDate,
                    RecurringTaskType.ParseDueTime(input.DueTime),
                    GlobalId.Decode(input.AssignedToId, "User"),
                    input.AssignedToId is not null);
            });
}
