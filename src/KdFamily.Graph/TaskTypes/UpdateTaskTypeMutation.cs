using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.TaskTypes;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.TaskTypes;

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

public sealed class UpdateTaskTypeErrorType() : ErrorUnionGraphType(
    "updateTaskType", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(TaskTypeNameTakenErrorType));

public sealed class UpdateTaskTypePayloadType() : PayloadGraphType<TaskType, TaskTypeGraphType, UpdateTaskTypeErrorType>(
    "updateTaskType", "taskType", "The changed task type.");

public static class UpdateTaskTypeMutation
{
    public static void AddUpdateTaskType(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UpdateTaskTypePayloadType, UpdateTaskTypeInputType, UpdateTaskType, TaskType>(
            "updateTaskType",
            "Renames a task type or changes its icon or default points. Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<UpdateTaskTypeInput>();
                return new UpdateTaskType(context.RequireUserId(), GlobalId.Decode(input.TaskTypeId, "TaskType"), input.Name, input.Icon, input.DefaultPoints);
            });
}
