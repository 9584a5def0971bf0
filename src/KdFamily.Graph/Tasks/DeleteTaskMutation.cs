using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record DeleteTaskInput(string TaskId);

public sealed class DeleteTaskInputType : InputObjectGraphType<DeleteTaskInput>
{
    public DeleteTaskInputType()
    {
        Name = "DeleteTaskInput";
        Description = "The task to delete.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A task of the caller's family that is not APPROVED.");
    }
}

public sealed class DeleteTaskErrorType() : ErrorUnionGraphType(
    "deleteTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(InvalidTransitionErrorType));

public sealed class DeleteTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, DeleteTaskErrorType>(
    "deleteTask", "task", "The task as it was when deleted; it no longer appears anywhere else.");
public static class DeleteTaskMutation
{
    public static void AddDeleteTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<DeleteTaskPayloadType, DeleteTaskInputType, DeleteTask, FamilyTask>(
            "deleteTask",
            "Deletes a task that is not APPROVED (approved work and its points stay). The row is kept for history but hidden everywhere.",
            UserRole.Parent,
            context => new DeleteTask(context.RequireUserId(), GlobalId.Decode(context.Input<DeleteTaskInput>().TaskId, "Task")));
}
