using GraphQL.Types;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using NodaTime;

namespace KdFamily.Graph.Tasks;

public sealed record CreateTaskInput(
    string Title,
    string? Description,
    int Points,
    string? AssignedToId,
    Instant? DueDate,
    TaskPriority Priority = TaskPriority.Medium,
    int DifficultyLevel = 1,
    int? EstimatedMinutes = null,
    string? TaskTypeId = null);

public sealed class CreateTaskInputType : InputObjectGraphType<CreateTaskInput>
{
    public CreateTaskInputType()
    {
        Name = "CreateTaskInput";
        Description = "A new task for the caller's family.";
        Field<NonNullGraphType<StringGraphType>>("title").Description("What to do (1–200 characters).");
        Field<StringGraphType>("description").Description("Details (at most 4000 characters).");
        Field<NonNullGraphType<IntGraphType>>("points").Description("Points awarded on approval (0–10000).");
        Field<IdGraphType>("assignedToId").Description("Who should do it; omit to leave the task open for a claim.");
        Field<InstantGraphType>("dueDate").Description("When it should be done.");
        Field<TaskPriorityType>("priority").Description("How urgent it is.").DefaultValue(TaskPriority.Medium);
        Field<IntGraphType>("difficultyLevel").Description($"{TaskLimits.DifficultyRange}.").DefaultValue(1);
        Field<IntGraphType>("estimatedMinutes").Description($"Expected effort, {TaskLimits.MinutesRange}.");
        Field<IdGraphType>("taskTypeId").Description("A task type of the caller's family; omit for none.");
    }
}

public sealed class CreateTaskErrorType() : ErrorUnionGraphType(
    "createTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType));

public sealed class CreateTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, CreateTaskErrorType>(
    "createTask", "task", "The new PENDING task.");
public static class CreateTaskMutation
{
    public static void AddCreateTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<CreateTaskPayloadType, CreateTaskInputType, CreateTask, FamilyTask>(
            "createTask",
            "Creates a PENDING task in the caller's family, optionally assigned to a member (who is notified).",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<CreateTaskInput>();
                var details = new TaskDetails(
                    input.Title, input.Description, input.Points, input.DueDate, input.Priority, input.DifficultyLevel, input.EstimatedMinutes,
                    TaskTypeInput.Decode(input.TaskTypeId));
                return new CreateTask(context.RequireUserId(), details, GlobalId.Decode(input.AssignedToId, "User"), input.AssignedToId is not null);
            });
}
