using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;

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
        mutation.AddTaskMutation<DeleteTaskPayloadType, DeleteTaskInputType>(
            "deleteTask",
            "Deletes a task that is not APPROVED (approved work and its points stay). The row is kept for history but hidden everywhere.",
            UserRole.Parent,
            (context, handler) => handler.RunAsync(
                context.RequireUserId(),
                context.GetArgument<DeleteTaskInput>("input").TaskId,
                step => step.Task.Delete(step.Actor, step.Now),
                null,
                context.CancellationToken));
}
