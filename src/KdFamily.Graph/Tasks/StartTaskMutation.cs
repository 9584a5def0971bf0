using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record StartTaskInput(string TaskId);

public sealed class StartTaskInputType : InputObjectGraphType<StartTaskInput>
{
    public StartTaskInputType()
    {
        Name = "StartTaskInput";
        Description = "The task to start working on.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A PENDING or REJECTED task assigned to the caller.");
    }
}

public sealed class StartTaskErrorType() : ErrorUnionGraphType(
    "startTask", typeof(NotFoundErrorType), typeof(InvalidTransitionErrorType), typeof(NotAssigneeErrorType));

public sealed class StartTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, StartTaskErrorType>(
    "startTask", "task", "The task, now IN_PROGRESS.");
public static class StartTaskMutation
{
    public static void AddStartTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<StartTaskPayloadType, StartTaskInputType, StartTask, FamilyTask>(
            "startTask",
            "The assignee starts a PENDING task, or restarts REJECTED work: the task becomes IN_PROGRESS.",
            UserRole.Member,
            context => new StartTask(context.RequireUserId(), GlobalId.Decode(context.Input<StartTaskInput>().TaskId, "Task")));
}
