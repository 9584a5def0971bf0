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

public sealed record UpdateTaskInput(string TaskId, TaskEdit Edit);

/// <summary>
/// Only the fields present are changed; an explicit null clears the optional ones (description, dueDate,
/// estimatedMinutes). Parsed by hand because a CLR record cannot tell "absent" from "null".
/// </summary>
public sealed class UpdateTaskInputType : InputObjectGraphType
{
    public UpdateTaskInputType()
    {
        Name = "UpdateTaskInput";
        Description = "The task to edit and the fields to change; omitted fields stay as they are, null clears optional ones.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A task of the caller's family that is not APPROVED.");
        Field<StringGraphType>("title").Description("New title (1–200 characters).");
        Field<StringGraphType>("description").Description("New description; null clears it.");
        Field<IntGraphType>("points").Description("New points for approval (0–10000).");
        Field<InstantGraphType>("dueDate").Description("New due date; null clears it.");
        Field<TaskPriorityType>("priority").Description("New priority.");
        Field<IntGraphType>("difficultyLevel").Description($"New difficulty, {TaskLimits.DifficultyRange}.");
        Field<IntGraphType>("estimatedMinutes").Description($"New estimate, {TaskLimits.MinutesRange}; null clears it.");
        Field<IdGraphType>("taskTypeId").Description("A task type of the caller's family; null clears it.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new UpdateTaskInput(
            (string)value["taskId"]!,
            new TaskEdit(
                Title: value.TryGetValue("title", out var title) ? new Change<string>((string?)title!) : null,
                Description: value.TryGetValue("description", out var description) ? new Change<string?>((string?)description) : null,
                Points: value.TryGetValue("points", out var points) && points is int p ? new Change<int>(p) : null,
                DueDate: value.TryGetValue("dueDate", out var due) ? new Change<Instant?>((Instant?)due) : null,
                Priority: value.TryGetValue("priority", out var priority) && priority is TaskPriority pr ? new Change<TaskPriority>(pr) : null,
                DifficultyLevel: value.TryGetValue("difficultyLevel", out var level) && level is int l ? new Change<int>(l) : null,
                EstimatedMinutes: value.TryGetValue("estimatedMinutes", out var minutes) ? new Change<int?>((int?)minutes) : null,
                TaskTypeId: value.TryGetValue("taskTypeId", out var taskType) ? new Change<Guid?>(TaskTypeInput.Decode((string?)taskType)) : null));
    }
}

public sealed class UpdateTaskErrorType() : ErrorUnionGraphType(
    "updateTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(InvalidTransitionErrorType));

public sealed class UpdateTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, UpdateTaskErrorType>(
    "updateTask", "task", "The edited task.");
public static class UpdateTaskMutation
{
    public static void AddUpdateTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UpdateTaskPayloadType, UpdateTaskInputType, UpdateTask, FamilyTask>(
            "updateTask",
            "Edits a task that is not yet APPROVED. Use assignTask to change its assignee.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<UpdateTaskInput>();
                return new UpdateTask(context.RequireUserId(), GlobalId.Decode(input.TaskId, "Task"), input.Edit);
            });
}
