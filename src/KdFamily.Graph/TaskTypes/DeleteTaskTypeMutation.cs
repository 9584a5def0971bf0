using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.TaskTypes;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.TaskTypes;

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

public sealed class DeleteTaskTypeErrorType() : ErrorUnionGraphType(
    "deleteTaskType", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class DeleteTaskTypePayloadType() : PayloadGraphType<TaskType, TaskTypeGraphType, DeleteTaskTypeErrorType>(
    "deleteTaskType", "taskType", "The deleted task type, as it was.");

public static class DeleteTaskTypeMutation
{
    public static void AddDeleteTaskType(this ObjectGraphType mutation) =>
        mutation.AddUseCase<DeleteTaskTypePayloadType, DeleteTaskTypeInputType, DeleteTaskType, TaskType>(
            "deleteTaskType",
            "Deletes a task type (softly: tasks that used it keep their history). Parents and advisors.",
            UserRole.Parent,
            context => new DeleteTaskType(context.RequireUserId(), GlobalId.Decode(context.Input<DeleteTaskTypeInput>().TaskTypeId, "TaskType")));
}
