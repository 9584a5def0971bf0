using GraphQL.Types;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Schema.Errors;

namespace KdFamily.Graph.TaskTypes;

public sealed record CreateTaskTypeInput(string Name, string? Icon = null, int DefaultPoints = 0);

public sealed class CreateTaskTypeInputType : InputObjectGraphType<CreateTaskTypeInput>
{
    public CreateTaskTypeInputType()
    {
        Name = "CreateTaskTypeInput";
        Description = "A new task type for the caller's family.";
        Field<NonNullGraphType<StringGraphType>>("name").Description($"Name, unique within the family (1 to {TaskTypeAdministration.MaxName} characters).");
        Field<StringGraphType>("icon").Description("An icon name or emoji.");
        Field<IntGraphType>("defaultPoints").DefaultValue(0).Description($"Points suggested for new tasks of this type (0 to {TaskTypeAdministration.MaxDefaultPoints}).");
    }
}

public sealed record UpdateTaskTypeInput(string TaskTypeId, string? Name = null, string? Icon = null, int? DefaultPoints = null);

public sealed class UpdateTaskTypeInputType : InputObjectGraphType<UpdateTaskTypeInput>
{
    public UpdateTaskTypeInputType()
    {
        Name = "UpdateTaskTypeInput";
        Description = "Changes to a task type; fields left out (or null) stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("taskTypeId").Description("The task type.");
        Field<StringGraphType>("name").Description("New name, unique within the family.");
        Field<StringGraphType>("icon").Description("New icon; an empty string removes it.");
        Field<IntGraphType>("defaultPoints").Description("New default points.");
    }
}

public sealed record DeleteTaskTypeInput(string TaskTypeId);

public sealed class DeleteTaskTypeInputType : InputObjectGraphType<DeleteTaskTypeInput>
{
    public DeleteTaskTypeInputType()
    {
        Name = "DeleteTaskTypeInput";
        Description = "Which task type to delete.";
        Field<NonNullGraphType<IdGraphType>>("taskTypeId").Description("The task type.");
    }
}

public sealed class CreateTaskTypeErrorType() : ErrorUnionGraphType(
    "createTaskType", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(TaskTypeNameTakenErrorType));

public sealed class UpdateTaskTypeErrorType() : ErrorUnionGraphType(
    "updateTaskType", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(TaskTypeNameTakenErrorType));

public sealed class DeleteTaskTypeErrorType() : ErrorUnionGraphType(
    "deleteTaskType", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class CreateTaskTypePayloadType() : PayloadGraphType<TaskType, TaskTypeGraphType, CreateTaskTypeErrorType>(
    "createTaskType", "taskType", "The new task type.");

public sealed class UpdateTaskTypePayloadType() : PayloadGraphType<TaskType, TaskTypeGraphType, UpdateTaskTypeErrorType>(
    "updateTaskType", "taskType", "The changed task type.");

public sealed class DeleteTaskTypePayloadType() : PayloadGraphType<TaskType, TaskTypeGraphType, DeleteTaskTypeErrorType>(
    "deleteTaskType", "taskType", "The deleted task type, as it was.");
